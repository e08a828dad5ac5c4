// Who "me" is: `git config user.email` in the workspace, the identity a team already shares
// through git (My Clients, the tasks status bar). The extension's only child process (SECURITY.md).
import { execFile } from 'node:child_process';

export function gitEmail(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.email'], { cwd, timeout: 5000 }, (error, stdout) => {
      const email = stdout.trim();
      resolve(error || email === '' ? undefined : email);
    });
  });
}
