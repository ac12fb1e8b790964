/**
 * The words around a capitalised word that say whether it is a person's name: titles and greetings
 * before one, roles and deeds of people beside one, and the words that make a name a place, an
 * organisation or an eponym. detect-names.ts reads them.
 */
import { GENERATED_PLACE_PHRASES } from './name-lists.generated.ts';
import { CITY_PHRASES } from './world-cities.ts';

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));
export const PLACE_PHRASES: ReadonlySet<string> = new Set([...GENERATED_PLACE_PHRASES, ...CITY_PHRASES]);
/** The first words of those places: a run is joined into a phrase only when it starts with one. */
export const PLACE_FIRST_WORDS: ReadonlySet<string> = new Set([...PLACE_PHRASES].map((p) => p.slice(0, p.indexOf(' '))));

export const TITLES = set(`mr mrs ms miss mx dr prof sir dame madam madame mme mlle monsieur mademoiselle herr
  sgt capt lt col rev hon engr ato khun bapak ibu sheikh alhaji alhaja
  frau sr sra senor senora dott signor signora`);
export const SALUTATIONS = set(`dear hi hello hey bonjour cher chere thanks merci congrats congratulations welcome cheers
  regards greetings sawubona habari jambo namaste salaam shalom hola ciao`);
export const PARTICLE_LIST = 'de du des la le van von der den da di del della dos das bin ibn al';
export const PARTICLES = set(PARTICLE_LIST);
// People's roles: lower case just before unknown words, they say a person is meant; capitalised,
// they are not a name themselves (`Patient Thomas Bernard`).
const ROLE_LIST = `expert colleague annotator reviewer engineer inventor actress actor author writer novelist
  poet composer painter scientist researcher mathematician pioneer customer client patient employee
  contractor nurse doctor driver manager director founder mother father wife husband son daughter
  sister brother`;
// Languages and peoples, which no English list holds (proper nouns) and which are no names.
const LANGUAGES = `yoruba igbo hausa zulu xhosa sesotho setswana shona amharic tigrinya oromo somali swahili kiswahili
  lingala wolof fulani akan twi ewe kinyarwanda luganda malagasy afrikaans tamil telugu kannada malayalam
  bengali bangla hindi urdu punjabi gujarati marathi nepali sinhala sinhalese odia assamese vietnamese thai
  lao khmer burmese indonesian malay filipino tagalog cebuano ilocano javanese sundanese mongolian tibetan
  uyghur georgian armenian azerbaijani azeri kazakh uzbek kyrgyz tajik turkmen pashto dari farsi persian
  kurdish maori samoan tongan fijian hawaiian quechua aymara guarani nahuatl inuktitut inuit sami basque
  catalan galician breton cornish icelandic faroese estonian latvian lithuanian hungarian finnish slovak
  slovene slovenian croatian serbian bosnian albanian macedonian bulgarian romanian ukrainian belarusian
  hebrew yiddish arabic maltese korean japanese mandarin cantonese hokkien chinese
  american british canadian australian swiss danish swedish norwegian dutch belgian austrian spanish
  portuguese italian greek turkish polish czech russian irish scottish european african asian nigerian
  kenyan ghanaian ethiopian egyptian moroccan algerian tunisian senegalese indian pakistani
  bangladeshi afghan iranian iraqi syrian lebanese israeli saudi emirati brazilian mexican argentinian
  argentine chilean peruvian colombian venezuelan cuban jamaican haitian nepalese lankan`;
// Capitalised words that often stand next to a name but are not one, even when a list has them.
export const NOT_NAMES = set(`the a an and or but if so as at by in on of to for from with without into about
  after before since until while when where why how what which who whom this that these those
  there here then than also however please thanks thank regards best yes no not all any each every
  i we you he she they it my our your his her their its me us him them
  monday tuesday wednesday thursday friday saturday sunday january february march july september
  october november december today tomorrow yesterday tonight morning evening
  street st road rd avenue ave boulevard blvd lane drive square place rue chemin allee
  inc ltd llc gmbh sa sarl corp corporation company co group team department dept office
  university college school hospital clinic bank foundation institute center centre airport station
  project manager director support sales service services customer client vendor admin ceo cto
  order invoice ticket account report meeting call email phone note notes subject re fwd
  north south east west new old saint san santa le la les et des un une nous vous il elle
  mon ma mes ton ta votre notre
  quality control legal finance security operations marketing engineering research compliance
  procurement human resources data protection privacy product
  hotel airlines airline museum park river lake mount city county state republic
  times post journal news media press labs systems technologies software networks solutions
  industries holdings partners capital ventures motors airways telecom pharma energy studios
  ask tell remind invite cc later earlier now soon still even only just perhaps maybe finally
  meanwhile instead both either neither another other some many most few several such same first
  next last once again afterwards otherwise indeed anyway sometimes usually often never always
  phd esq mba msc bsc frcp frcs obe mbe cbe
  ${LANGUAGES}
  ${ROLE_LIST}`);

// What stands next to a person rather than a company, place or product: a role just before the
// words (lower case, so not part of a title), a request made to someone (`Ask …`), or a deed of
// people, `who`, or `her`/`his` just after.
const ADDRESSED = ['ask', 'tell', 'remind', 'invite', 'thank', 'met', 'hired', 'interviewed'].map((v) => `[${v[0]!.toUpperCase()}${v[0]}]${v.slice(1)}`);
export const PERSON_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${[...set(ROLE_LIST), 'née', ...ADDRESSED].join('|')}) $`, 'u');
export const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:[Tt]he|[Aa]n?) $/u;
export const PERSON_AFTER =
  /^(?: (?:who|said|says|wrote|writes|replied|phoned|emailed|signed|annotated|reviewed|adjudicated|translated|labelled|labeled|corrected|thanked|invented|founded|joined|resigned|retired|manages|managed|left|was born|asked|told|approved|confirmed|reported|noted|agreed|suggested|mentioned|explained|requested|promised|apologi[sz]ed|pushed|merged)(?![\p{L}\p{M}])|,? (?:born|née) |[^.!?\n]{0,30}?(?<![\p{L}\p{M}])(?:her|his|she|he)(?![\p{L}\p{M}]))/u;

// Words that make the name before them a place, an organisation, an award, a holiday or an eponym
// (`Martin Luther King Jr. Boulevard`, `Charles de Gaulle airport`, `Nobel Prize`, `Parkinson's
// disease`), and those that make the name after them a street (`Rue Victor Hugo`, `Via Garibaldi`).
// The first list is read in any case: people write `airport` and `Airport` alike; the second,
// capitalised only, holds words that are lower-case verbs or nouns beside a person (`let Maria test`).
const NAMED_AFTER_ANY_CASE = `street st road rd avenue ave boulevard blvd lane highway bridge tunnel square plaza
  station airport hospital clinic infirmary university college school academy institute foundation
  centre center memorial stadium arena library museum gallery theatre theater building tower prize award
  medal fellowship scholarship syndrome disease holiday group hotel airlines inc ltd llc corp gmbh algorithm`;
const NAMED_AFTER_CAPITALISED = `Drive Park Lecture Company Day House Hall Trust Fund Test Effect Law Theorem Principle Equation
  Way Bay Gardens Garden Cup Trophy Scale Index Method`;
export const PLACE_WORDS_ANY_CASE: ReadonlySet<string> = set(NAMED_AFTER_ANY_CASE);
export const PLACE_WORDS_CAPITALISED: ReadonlySet<string> = set(NAMED_AFTER_CAPITALISED);
// Words that make the name after them a street, a ship or a storm (`Avenida Túpac Amaru`, `HMS`).
const NAMED_BEFORE = `Rue Avenue Boulevard Place Quai Allée Via Viale Piazza Corso Calle Avenida Plaza Paseo Rua Praça
  Straße Strasse Platz Jalan Fort Port Lake Mount Cape Cyclone Hurricane Typhoon Storm HMS RRS USS`;
export const PLACE_WORDS_BEFORE: ReadonlySet<string> = set(NAMED_BEFORE);
const SUFFIX_AND_POSSESSIVE = String.raw`^(?: (?:Jr|Sr|II|III)\.?)?(?:['’]s)? `;
export const EPONYM_AFTER = [
  // A version number: a product (`Julia 1.10`, `Ruby 3.2`).
  /^ v?\d+(?:\.\d+)+/u,
  new RegExp(`${SUFFIX_AND_POSSESSIVE}(?:${NAMED_AFTER_ANY_CASE.trim().split(/\s+/).join('|')})(?![\\p{L}\\p{M}])`, 'iu'),
  new RegExp(`${SUFFIX_AND_POSSESSIVE}(?:${NAMED_AFTER_CAPITALISED.trim().split(/\s+/).join('|')})(?![\\p{L}\\p{M}])`, 'u'),
];
export const STREET_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:Av\.|Bd|${NAMED_BEFORE.trim().split(/\s+/).join('|')}) $`, 'u');
