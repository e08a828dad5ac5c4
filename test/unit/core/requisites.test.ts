// Check digits of ИНН, КПП, ОГРН/ОГРНИП, БИК and bank accounts, against published requisites, and
// the YAML-number traps (lost leading zeros, lost precision).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAccount, checkBik, checkCorrAccount, checkInn, checkKpp, checkOgrn, requisiteDigits } from '../../../src/core/requisites';

test('INN: 10 digits (a company) and 12 digits (a person), published values pass, one changed digit fails', () => {
  // ПАО Сбербанк; persons' ИНН from published check-digit examples.
  for (const inn of ['7707083893', '7701234560', '773370857141', '344809916052', '500100732259', '771234567859']) assert.equal(checkInn(inn), undefined, inn);
  assert.equal(checkInn('7707083894'), '7707083894 fails the INN check digit');
  assert.equal(checkInn('773370857142'), '773370857142 fails the INN check digits');
  assert.equal(checkInn('773370857131'), '773370857131 fails the INN check digits', 'the first of the two digits');
  assert.equal(checkInn('77070838'), '77070838 has 8 digits: an INN has 10 (a company) or 12 (a person or sole trader)');
  assert.equal(checkInn('77070838931'), '77070838931 has 11 digits: an INN has 10 (a company) or 12 (a person or sole trader)');
  assert.equal(checkInn('770708389O'), '770708389O is not digits: an INN is 10 or 12 digits');
});

test('KPP: 9 characters, digits with places 5-6 digits or A-Z', () => {
  for (const kpp of ['773601001', '770101001', '0000AZ000', '7736AB001']) assert.equal(checkKpp(kpp), undefined, kpp);
  assert.equal(checkKpp('77360100'), 'must be 9 characters, not 8');
  assert.equal(checkKpp('7736010011'), 'must be 9 characters, not 10');
  assert.equal(checkKpp('773a01001'), '773a01001 is not a KPP: 9 digits, places 5-6 may be letters A-Z');
  assert.equal(checkKpp('7736ab001'), '7736ab001 is not a KPP: 9 digits, places 5-6 may be letters A-Z', 'capital letters only');
  assert.equal(checkKpp('77360100A'), '77360100A is not a KPP: 9 digits, places 5-6 may be letters A-Z');
});

test('OGRN (13 digits, mod 11) and OGRNIP (15 digits, mod 13), a remainder of 10+ giving its last digit', () => {
  for (const ogrn of ['1027700132195', '1027700220624', '1037739010891', '1117746358608', '1027812400868', '1027700123450', '307760324100018', '316770000123452']) assert.equal(checkOgrn(ogrn), undefined, ogrn);
  assert.equal(checkOgrn('1027700132196'), '1027700132196 fails the OGRN check digit');
  assert.equal(checkOgrn('307760324100017'), '307760324100017 fails the OGRNIP check digit');
  assert.equal(checkOgrn('102770013219'), '102770013219 is not 13 digits (OGRN) or 15 digits (OGRNIP)');
  assert.equal(checkOgrn('10277001321955'), '10277001321955 is not 13 digits (OGRN) or 15 digits (OGRNIP)');
  // 100000000000 mod 11 = 10: the control digit is its last digit, 0 (not its first, 1).
  assert.equal(checkOgrn('1000000000000'), undefined);
  assert.equal(checkOgrn('1000000000001'), '1000000000001 fails the OGRN check digit');
});

test('BIK: 9 digits', () => {
  assert.equal(checkBik('044525225'), undefined);
  assert.equal(checkBik('004525988'), undefined, 'a treasury (ТОФК) BIK');
  assert.equal(checkBik('44525225'), '44525225 is not a BIK: 9 digits');
  assert.equal(checkBik('04452522X'), '04452522X is not a BIK: 9 digits');
});

test('correspondent accounts: "0" + BIK places 5-6 + the account, weights 7-1-3, published pairs', () => {
  const banks: [string, string][] = [
    ['044525225', '30101810400000000225'], // ПАО Сбербанк
    ['044525974', '30101810145250000974'], // АО «Т-Банк»
    ['044525593', '30101810200000000593'], // АО «Альфа-Банк»
    ['044525187', '30101810700000000187'], // Банк ВТБ (ПАО)
    ['044030827', '30101810200000000827'],
    ['004525988', '40102810545370000003'], // a treasury's single account (ЕКС)
  ];
  for (const [bik, corr] of banks) assert.equal(checkCorrAccount(bik, corr), undefined, `${bik} ${corr}`);
  assert.equal(checkCorrAccount('044525225', '30101810500000000225'), 'does not match BIK 044525225 (control key)');
  assert.equal(checkCorrAccount('044525974', '30101810400000000225'), 'does not match BIK 044525974 (the last three digits differ)', 'another bank’s account');
  assert.equal(checkCorrAccount('044525974', '30101810400000000974'), 'does not match BIK 044525974 (control key)');
  assert.equal(checkCorrAccount('044525225', '3010181040000000022'), '3010181040000000022 is not an account number: 20 digits');
  assert.equal(checkCorrAccount(undefined, '30101810500000000225'), undefined, 'no BIK: the form only');
});

test('settlement accounts: the BIK’s last three digits + the account; at a settlement centre ("00" in places 7-8), the correspondent rule', () => {
  const accounts: [string, string][] = [
    ['044525225', '40702810238720001420'],
    ['044525700', '40702810800001400002'],
    ['044525104', '40702810713500000456'],
    ['044030827', '40702810900000002851'],
    ['044106001', '40701810000001002118'], // an account at a Bank of Russia settlement centre
    ['044525225', '40702810200000012345'],
    ['044525225', '40802810700000054321'],
  ];
  for (const [bik, account] of accounts) assert.equal(checkAccount(bik, account), undefined, `${bik} ${account}`);
  for (let digit = 0; digit <= 8; digit++) {
    const wrong = `40702810${digit}00000002851`;
    assert.equal(checkAccount('044030827', wrong), 'does not match BIK 044030827 (control key)', wrong);
  }
  assert.equal(checkAccount('044525225', '40702810938000000000'), 'does not match BIK 044525225 (control key)');
  assert.equal(checkAccount('044525225', '4070281023872000142'), '4070281023872000142 is not an account number: 20 digits');
  assert.equal(checkAccount('0445252', '40702810938000000000'), undefined, 'a bad BIK is its own error; the account’s form is fine');
  assert.equal(checkAccount('004525988', '03100643000000017300'), undefined, 'a treasury account: form only');
});

test('values as YAML gives them: strings with spaced groups, safe numbers, numbers that lost zeros or digits', () => {
  assert.deepEqual(requisiteDigits('4070 2810 2000 0001 2345', [20]), { digits: '40702810200000012345' });
  assert.deepEqual(requisiteDigits(' 7707083893 ', [10, 12]), { digits: '7707083893' });
  assert.equal(requisiteDigits(undefined, [9]), undefined);
  assert.equal(requisiteDigits(null, [9]), undefined);
  assert.equal(requisiteDigits('  ', [9]), undefined);
  assert.deepEqual(requisiteDigits(7707083893, [10, 12]), { digits: '7707083893' }, 'a valid INN written as a number is accepted');
  assert.deepEqual(requisiteDigits(1027700132195, [13, 15]), { digits: '1027700132195' });
  assert.deepEqual(requisiteDigits(44525225, [9]), { reason: '44525225 is a YAML number, which loses leading zeros: write it in quotes' });
  assert.deepEqual(requisiteDigits(274062111, [10, 12]), { reason: '274062111 is a YAML number, which loses leading zeros: write it in quotes' });
  assert.deepEqual(requisiteDigits(77012345601, [10, 12]), { reason: '77012345601 is a YAML number, which loses leading zeros: write it in quotes' });
  // 40702810200000012345 as a YAML number is a double: its last digits are gone.
  assert.deepEqual(requisiteDigits(40702810200000012345, [20]), { reason: '40702810200000010000 is too long for a YAML number, whose digits are then not exact: write it in quotes' });
  assert.deepEqual(requisiteDigits(12.5, [9]), { reason: '12.5 is not digits; write it in quotes' });
  assert.deepEqual(requisiteDigits(true, [9]), { reason: 'true is not digits; write it in quotes' });
});
