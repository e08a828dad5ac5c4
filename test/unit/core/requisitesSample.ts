// A company's `requisites:` block with every value valid (a made-up ИНН, ОГРН and account at
// Sberbank's real БИК), shared by the lint and the document tests.
export const COMPANY_REQUISITES = `requisites:
  inn: "7701234560"
  kpp: "770101001"
  ogrn: "1027700123450"
  legal_address: 123112, г. Москва, Пресненская наб., д. 1
  bank: ПАО Сбербанк
  bik: "044525225"
  account: "40702810200000012345"
  corr_account: "30101810400000000225"`;
