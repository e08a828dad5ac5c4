// A URI as the store names files: relative to the workspace root, with `/`. Undefined for
// anything outside the root or not on disk.
import * as path from 'node:path';
import type * as vscode from 'vscode';

export function workspaceFile(root: string, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  const rel = path.relative(root, uri.fsPath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
