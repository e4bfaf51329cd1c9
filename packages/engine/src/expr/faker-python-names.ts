/** A Python Faker name mapped onto faker-js: the target path, keyword names, and how arguments translate. */
export interface PythonFakerName {
  name: string
  target: string
  /** Keyword arguments it accepts (Python's names). */
  kwargs: string[]
  /** Maximum positional arguments. */
  maxArgs: number
  /** Builds the faker-js arguments from positional and keyword ones. */
  args: (pos: unknown[], kw: Record<string, unknown>) => unknown[]
}

const none = (): unknown[] => []
const alias = (name: string, target: string): PythonFakerName => ({
  name,
  target,
  kwargs: [],
  maxArgs: 0,
  args: none,
})

/** The Python Faker names the seed uses (and more), mapped to faker-js: `faker.name()` is `faker.person.fullName()`. */
export const PYTHON_FAKER_NAMES: readonly PythonFakerName[] = [
  alias('name', 'person.fullName'),
  { name: 'name_male', target: 'person.fullName', kwargs: [], maxArgs: 0, args: () => [{ sex: 'male' }] },
  { name: 'name_female', target: 'person.fullName', kwargs: [], maxArgs: 0, args: () => [{ sex: 'female' }] },
  alias('first_name', 'person.firstName'),
  { name: 'first_name_male', target: 'person.firstName', kwargs: [], maxArgs: 0, args: () => ['male'] },
  { name: 'first_name_female', target: 'person.firstName', kwargs: [], maxArgs: 0, args: () => ['female'] },
  alias('last_name', 'person.lastName'),
  alias('prefix', 'person.prefix'),
  alias('suffix', 'person.suffix'),
  alias('job', 'person.jobTitle'),
  alias('email', 'internet.email'),
  alias('free_email', 'internet.email'),
  alias('safe_email', 'internet.exampleEmail'),
  alias('company_email', 'internet.email'),
  alias('user_name', 'internet.username'),
  {
    name: 'password',
    target: 'internet.password',
    kwargs: ['length'],
    maxArgs: 1,
    args: (p, kw) => [{ length: p[0] ?? kw.length ?? 10 }],
  },
  alias('url', 'internet.url'),
  alias('domain_name', 'internet.domainName'),
  alias('ipv4', 'internet.ipv4'),
  alias('ipv6', 'internet.ipv6'),
  alias('mac_address', 'internet.mac'),
  alias('user_agent', 'internet.userAgent'),
  alias('company', 'company.name'),
  alias('catch_phrase', 'company.catchPhrase'),
  alias('bs', 'company.buzzPhrase'),
  alias('address', 'location.streetAddress'),
  alias('street_address', 'location.streetAddress'),
  alias('street_name', 'location.street'),
  alias('building_number', 'location.buildingNumber'),
  alias('city', 'location.city'),
  alias('state', 'location.state'),
  alias('country', 'location.country'),
  alias('country_code', 'location.countryCode'),
  alias('postcode', 'location.zipCode'),
  alias('zipcode', 'location.zipCode'),
  alias('latitude', 'location.latitude'),
  alias('longitude', 'location.longitude'),
  alias('timezone', 'location.timeZone'),
  alias('phone_number', 'phone.number'),
  {
    name: 'sentence',
    target: 'lorem.sentence',
    kwargs: ['nb_words'],
    maxArgs: 1,
    args: (p, kw) => ((p[0] ?? kw.nb_words) === undefined ? [] : [p[0] ?? kw.nb_words]),
  },
  {
    name: 'sentences',
    target: 'lorem.sentences',
    kwargs: ['nb'],
    maxArgs: 1,
    args: (p, kw) => [p[0] ?? kw.nb ?? 3, ' '],
  },
  alias('paragraph', 'lorem.paragraph'),
  alias('text', 'lorem.paragraph'),
  alias('word', 'lorem.word'),
  { name: 'words', target: 'lorem.words', kwargs: ['nb'], maxArgs: 1, args: (p, kw) => [p[0] ?? kw.nb ?? 3] },
  alias('iban', 'finance.iban'),
  alias('swift', 'finance.bic'),
  alias('credit_card_number', 'finance.creditCardNumber'),
  alias('credit_card_provider', 'finance.creditCardIssuer'),
  alias('credit_card_security_code', 'finance.creditCardCVV'),
  alias('currency_code', 'finance.currencyCode'),
  alias('currency_name', 'finance.currencyName'),
  alias('pricetag', 'commerce.price'),
  alias('color_name', 'color.human'),
  alias('hex_color', 'color.rgb'),
  alias('file_name', 'system.fileName'),
  alias('mime_type', 'system.mimeType'),
  alias('license_plate', 'vehicle.vrm'),
  alias('isbn13', 'commerce.isbn'),
  alias('uuid4', 'string.uuid'),
  alias('boolean', 'datatype.boolean'),
  {
    name: 'random_int',
    target: 'number.int',
    kwargs: ['min', 'max'],
    maxArgs: 2,
    args: (p, kw) => [{ min: p[0] ?? kw.min ?? 0, max: p[1] ?? kw.max ?? 9999 }],
  },
]

const PYTHON_BY_NAME = new Map(PYTHON_FAKER_NAMES.map((p) => [p.name, p]))

/** Looks up a Python Faker name (`faker.first_name()`). */
export function pythonFakerName(name: string): PythonFakerName | undefined {
  return PYTHON_BY_NAME.get(name)
}

/** True when a Python name is a plain alias (no arguments of its own): the bridge may use a fast path. */
export function isPlainAlias(py: PythonFakerName): boolean {
  return py.args === none
}
