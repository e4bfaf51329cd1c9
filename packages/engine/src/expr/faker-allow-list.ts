import {
  bool,
  type FakerMethodSpec,
  int,
  list,
  map,
  method,
  num,
  oneOf,
  opts,
  param,
  range,
  str,
  time,
} from './faker-shapes.ts'
import { FAKER_LIMITS as L, NUMBER_LIMITS } from './limits.ts'

// Every faker-js method the language exposes, with every argument it may take and its caps.
// Anything not listed is `expr/unknown-faker`. Template helpers (helpers.fake, helpers.mustache),
// regex expanders (helpers.fromRegExp), callbacks (helpers.multiple, helpers.maybe) and methods
// whose arguments are code or patterns that faker compiles are deliberately absent: they are the
// ways around every limit (issue 14). docs/generators.md renders this table.

const SAFE = NUMBER_LIMITS.maxSafeInteger
const sex = oneOf('female', 'male', 'generic')
const casing = oneOf('upper', 'lower', 'mixed')
const exclude = [str(L.maxArgText), list(L.maxArgText)]
const length = range(0, L.maxLength)
const count = range(0, L.maxCount)
const text = str(L.maxArgText)
const abbreviated = opts({ abbreviated: bool })
const refDate = opts({ refDate: time })
const intBounds = opts({ min: int(-SAFE, SAFE), max: int(-SAFE, SAFE) })
const strategy = oneOf('fail', 'closest', 'shortest', 'longest', 'any-length')
const wordLength = [int(1, L.maxCount), opts({ length: range(1, L.maxCount), strategy })]
const none = (path: string): FakerMethodSpec => method(path)

const STRING_METHODS: FakerMethodSpec[] = [
  method('string.alpha', param('length', int(0, L.maxLength), opts({ length, casing, exclude }))),
  method('string.alphanumeric', param('length', int(0, L.maxLength), opts({ length, casing, exclude }))),
  method(
    'string.numeric',
    param('length', int(0, L.maxLength), opts({ length, allowLeadingZeros: bool, exclude })),
  ),
  method('string.binary', param('options', opts({ length, prefix: text }))),
  method('string.octal', param('options', opts({ length, prefix: text }))),
  method('string.hexadecimal', param('options', opts({ length, casing, prefix: text }))),
  method('string.fromCharacters', param('characters', text, list(L.maxArgText)), param('length', length)),
  method('string.nanoid', param('length', length)),
  method('string.sample', param('length', length)),
  method('string.symbol', param('length', length)),
  none('string.uuid'),
  method('string.ulid', param('options', refDate)),
]

const NUMBER_METHODS: FakerMethodSpec[] = [
  method(
    'number.int',
    param(
      'max',
      int(-SAFE, SAFE),
      opts({ min: int(-SAFE, SAFE), max: int(-SAFE, SAFE), multipleOf: int(1, SAFE) }),
    ),
  ),
  method(
    'number.float',
    param(
      'max',
      num(-Number.MAX_VALUE, Number.MAX_VALUE),
      opts({
        min: num(-Number.MAX_VALUE, Number.MAX_VALUE),
        max: num(-Number.MAX_VALUE, Number.MAX_VALUE),
        fractionDigits: int(0, L.maxDecimals),
        multipleOf: num(Number.MIN_VALUE, Number.MAX_VALUE),
      }),
    ),
  ),
  method('number.binary', param('max', int(0, SAFE), opts({ min: int(0, SAFE), max: int(0, SAFE) }))),
  method('number.octal', param('max', int(0, SAFE), opts({ min: int(0, SAFE), max: int(0, SAFE) }))),
  method('number.hex', param('max', int(0, SAFE), opts({ min: int(0, SAFE), max: int(0, SAFE) }))),
  method('number.romanNumeral', param('max', int(1, 3999), opts({ min: int(1, 3999), max: int(1, 3999) }))),
  method('datatype.boolean', param('probability', num(0, 1), opts({ probability: num(0, 1) }))),
]

const LOREM_METHODS: FakerMethodSpec[] = [
  method('lorem.word', param('length', wordLength)),
  method('lorem.words', param('wordCount', count)),
  method('lorem.sentence', param('wordCount', count)),
  method('lorem.sentences', param('sentenceCount', count), param('separator', text)),
  method('lorem.paragraph', param('sentenceCount', count)),
  method('lorem.paragraphs', param('paragraphCount', range(0, L.maxParagraphs)), param('separator', text)),
  method('lorem.lines', param('lineCount', count)),
  method('lorem.slug', param('wordCount', count)),
  none('lorem.text'),
  method('word.adjective', param('length', wordLength)),
  method('word.adverb', param('length', wordLength)),
  method('word.conjunction', param('length', wordLength)),
  method('word.interjection', param('length', wordLength)),
  method('word.noun', param('length', wordLength)),
  method('word.preposition', param('length', wordLength)),
  method('word.verb', param('length', wordLength)),
  method('word.sample', param('length', wordLength)),
  method('word.words', param('count', count, opts({ count }))),
]

const name = opts({ firstName: text, lastName: text, sex })
const PERSON_METHODS: FakerMethodSpec[] = [
  method('person.firstName', param('sex', sex)),
  method('person.lastName', param('sex', sex)),
  method('person.middleName', param('sex', sex)),
  method('person.fullName', param('options', name)),
  method('person.prefix', param('sex', sex)),
  ...[
    'bio',
    'gender',
    'jobArea',
    'jobDescriptor',
    'jobTitle',
    'jobType',
    'sex',
    'sexType',
    'suffix',
    'zodiacSign',
  ].map((m) => none(`person.${m}`)),
]

const INTERNET_METHODS: FakerMethodSpec[] = [
  method(
    'internet.email',
    param('options', opts({ firstName: text, lastName: text, provider: text, allowSpecialCharacters: bool })),
  ),
  method(
    'internet.exampleEmail',
    param('options', opts({ firstName: text, lastName: text, allowSpecialCharacters: bool })),
  ),
  method('internet.username', param('options', opts({ firstName: text, lastName: text }))),
  method('internet.displayName', param('options', opts({ firstName: text, lastName: text }))),
  method(
    'internet.password',
    param('options', opts({ length: int(0, L.maxPasswordLength), memorable: bool, prefix: text })),
  ),
  method('internet.url', param('options', opts({ appendSlash: bool, protocol: oneOf('http', 'https') }))),
  method('internet.mac', param('separator', oneOf(':', '-', ''), opts({ separator: oneOf(':', '-', '') }))),
  method(
    'internet.ipv4',
    param(
      'options',
      opts({
        network: oneOf(
          'any',
          'loopback',
          'private-a',
          'private-b',
          'private-c',
          'test-net-1',
          'test-net-2',
          'test-net-3',
          'link-local',
          'multicast',
        ),
        cidrBlock: str(32),
      }),
    ),
  ),
  method('internet.httpStatusCode', param('options', opts({ types: list(5) }))),
  ...[
    'domainName',
    'domainSuffix',
    'domainWord',
    'emoji',
    'httpMethod',
    'ip',
    'ipv6',
    'jwtAlgorithm',
    'port',
    'protocol',
    'userAgent',
  ].map((m) => none(`internet.${m}`)),
]

const LOCATION_METHODS: FakerMethodSpec[] = [
  method('location.cardinalDirection', param('options', abbreviated)),
  method('location.direction', param('options', abbreviated)),
  method('location.ordinalDirection', param('options', abbreviated)),
  method('location.state', param('options', abbreviated)),
  method(
    'location.countryCode',
    param(
      'variant',
      oneOf('alpha-2', 'alpha-3', 'numeric'),
      opts({ variant: oneOf('alpha-2', 'alpha-3', 'numeric') }),
    ),
  ),
  method(
    'location.latitude',
    param('options', opts({ min: num(-90, 90), max: num(-90, 90), precision: int(0, L.maxDecimals) })),
  ),
  method(
    'location.longitude',
    param('options', opts({ min: num(-180, 180), max: num(-180, 180), precision: int(0, L.maxDecimals) })),
  ),
  method('location.streetAddress', param('useFullAddress', bool, opts({ useFullAddress: bool }))),
  method('location.zipCode', param('format', str(64), opts({ state: str(64), format: str(64) }))),
  ...[
    'buildingNumber',
    'city',
    'continent',
    'country',
    'county',
    'language',
    'secondaryAddress',
    'street',
    'timeZone',
  ].map((m) => none(`location.${m}`)),
]

const FINANCE_METHODS: FakerMethodSpec[] = [
  method(
    'finance.accountNumber',
    param('length', int(1, L.maxLength), opts({ length: int(1, L.maxLength) })),
  ),
  method('finance.pin', param('length', int(1, L.maxLength), opts({ length: int(1, L.maxLength) }))),
  method(
    'finance.amount',
    param(
      'options',
      opts({
        min: num(-SAFE, SAFE),
        max: num(-SAFE, SAFE),
        dec: int(0, L.maxDecimals),
        symbol: str(16),
        autoFormat: bool,
      }),
    ),
  ),
  method('finance.bic', param('options', opts({ includeBranchCode: bool }))),
  method('finance.iban', param('options', opts({ formatted: bool, countryCode: str(2) }))),
  ...[
    'accountName',
    'bitcoinAddress',
    'creditCardCVV',
    'creditCardIssuer',
    'creditCardNumber',
    'currency',
    'currencyCode',
    'currencyName',
    'currencyNumericCode',
    'currencySymbol',
    'ethereumAddress',
    'litecoinAddress',
    'routingNumber',
    'transactionDescription',
    'transactionType',
  ].map((m) => none(`finance.${m}`)),
]

const COMMERCE_METHODS: FakerMethodSpec[] = [
  method(
    'commerce.price',
    param(
      'options',
      opts({ min: num(0, SAFE), max: num(0, SAFE), dec: int(0, L.maxDecimals), symbol: str(16) }),
    ),
  ),
  method(
    'commerce.isbn',
    param('variant', oneOf(10, 13), opts({ variant: oneOf(10, 13), separator: oneOf('-', ' ', '') })),
  ),
  ...[
    'department',
    'product',
    'productAdjective',
    'productDescription',
    'productMaterial',
    'productName',
    'upc',
  ].map((m) => none(`commerce.${m}`)),
  ...[
    'buzzAdjective',
    'buzzNoun',
    'buzzPhrase',
    'buzzVerb',
    'catchPhrase',
    'catchPhraseAdjective',
    'catchPhraseDescriptor',
    'catchPhraseNoun',
    'name',
  ].map((m) => none(`company.${m}`)),
]

const DATE_METHODS: FakerMethodSpec[] = [
  method('date.anytime', param('options', refDate)),
  method('date.between', param('options', opts({ from: time, to: time }))),
  method('date.betweens', param('options', opts({ from: time, to: time, count: range(0, L.maxCount) }))),
  method(
    'date.birthdate',
    param(
      'options',
      opts({ mode: oneOf('age', 'year'), min: int(0, L.maxYears), max: int(0, L.maxYears), refDate: time }),
    ),
  ),
  method('date.past', param('options', opts({ years: num(0, L.maxYears), refDate: time }))),
  method('date.future', param('options', opts({ years: num(0, L.maxYears), refDate: time }))),
  method('date.recent', param('options', opts({ days: num(0, L.maxDays), refDate: time }))),
  method('date.soon', param('options', opts({ days: num(0, L.maxDays), refDate: time }))),
  method('date.month', param('options', opts({ abbreviated: bool, context: bool }))),
  method('date.weekday', param('options', opts({ abbreviated: bool, context: bool }))),
  none('date.timeZone'),
  none('git.branch'),
  method('git.commitDate', param('options', refDate)),
  method('git.commitEntry', param('options', opts({ merge: bool, eol: oneOf('LF', 'CRLF'), refDate: time }))),
  none('git.commitMessage'),
  method('git.commitSha', param('options', opts({ length: int(1, 40) }))),
]

const HELPER_METHODS: FakerMethodSpec[] = [
  method('helpers.arrayElement', param('array', list(L.maxItems))),
  method('helpers.arrayElements', param('array', list(L.maxItems)), param('count', range(0, L.maxItems))),
  method('helpers.shuffle', param('array', list(L.maxItems))),
  method('helpers.weightedArrayElement', param('array', list(L.maxItems))),
  method('helpers.objectKey', param('object', map(L.maxItems))),
  method('helpers.objectValue', param('object', map(L.maxItems))),
  method('helpers.objectEntry', param('object', map(L.maxItems))),
  method('helpers.rangeToNumber', param('numberOrRange', int(-SAFE, SAFE), intBounds)),
  method('helpers.replaceSymbols', param('pattern', text)),
  method('helpers.slugify', param('text', str(L.maxLength))),
]

const OTHER_METHODS: FakerMethodSpec[] = [
  method(
    'color.rgb',
    param(
      'options',
      opts({ prefix: str(16), casing, format: oneOf('hex', 'css', 'binary', 'decimal'), includeAlpha: bool }),
    ),
  ),
  ...['cmyk', 'cssSupportedFunction', 'cssSupportedSpace', 'hsl', 'human', 'hwb', 'lab', 'lch', 'space'].map(
    (m) => none(`color.${m}`),
  ),
  method('phone.number', param('options', opts({ style: oneOf('human', 'national', 'international') }))),
  none('phone.imei'),
  method('image.url', param('options', opts({ width: int(1, L.maxLength), height: int(1, L.maxLength) }))),
  ...['avatar', 'avatarGitHub', 'personPortrait'].map((m) => none(`image.${m}`)),
  method('system.fileName', param('options', opts({ extensionCount: range(0, 10) }))),
  method('system.cron', param('options', opts({ includeYear: bool, includeNonStandard: bool }))),
  ...[
    'commonFileExt',
    'commonFileName',
    'commonFileType',
    'directoryPath',
    'fileExt',
    'filePath',
    'fileType',
    'mimeType',
    'networkInterface',
    'semver',
  ].map((m) => none(`system.${m}`)),
  ...['abbreviation', 'adjective', 'ingverb', 'noun', 'phrase', 'verb'].map((m) => none(`hacker.${m}`)),
  ...['bicycle', 'color', 'fuel', 'manufacturer', 'model', 'type', 'vehicle', 'vin', 'vrm'].map((m) =>
    none(`vehicle.${m}`),
  ),
  ...['aircraftType', 'airline', 'airplane', 'airport', 'recordLocator'].map((m) => none(`airline.${m}`)),
  ...[
    'bear',
    'bird',
    'cat',
    'cetacean',
    'cow',
    'crocodilia',
    'dog',
    'fish',
    'horse',
    'insect',
    'lion',
    'petName',
    'rabbit',
    'rodent',
    'snake',
    'type',
  ].map((m) => none(`animal.${m}`)),
  ...['author', 'format', 'genre', 'publisher', 'series', 'title'].map((m) => none(`book.${m}`)),
  ...['collation', 'column', 'engine', 'mongodbObjectId', 'type'].map((m) => none(`database.${m}`)),
  ...[
    'adjective',
    'description',
    'dish',
    'ethnicCategory',
    'fruit',
    'ingredient',
    'meat',
    'spice',
    'vegetable',
  ].map((m) => none(`food.${m}`)),
  ...['album', 'artist', 'genre', 'songName'].map((m) => none(`music.${m}`)),
  ...['chemicalElement', 'unit'].map((m) => none(`science.${m}`)),
]

/** Every faker-js method an expression may call, sorted by path: the one table the checker, bridge and docs read. */
export const FAKER_METHODS: readonly FakerMethodSpec[] = [
  ...STRING_METHODS,
  ...NUMBER_METHODS,
  ...LOREM_METHODS,
  ...PERSON_METHODS,
  ...INTERNET_METHODS,
  ...LOCATION_METHODS,
  ...FINANCE_METHODS,
  ...COMMERCE_METHODS,
  ...DATE_METHODS,
  ...HELPER_METHODS,
  ...OTHER_METHODS,
].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

const BY_PATH = new Map(FAKER_METHODS.map((m) => [m.path, m]))

/** The allow-list entry of a faker-js path (`string.alpha`), or undefined when it is not exposed. */
export function fakerMethod(path: string): FakerMethodSpec | undefined {
  return BY_PATH.get(path)
}
