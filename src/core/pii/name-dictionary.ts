import { validationFailed, type FieldIssue } from '../errors.ts';
import { GENERATED_COMMON_WORDS, GENERATED_FIRST_NAMES, GENERATED_LAST_NAMES } from './name-lists.generated.ts';

/**
 * Dictionaries of personal names. Lookups are by folded key (lower case, accents dropped), so
 * `HÉLÈNE`, `Hélène` and `Helene` are one entry. `commonWords` lists dictionary names that are
 * also ordinary words (`Will`, `May`, `Rose`, `Brown`) or places (`Florence`): those count as a
 * name only next to another name or after a title.
 */
export interface NameLists {
  firstNames: readonly string[];
  lastNames: readonly string[];
  commonWords?: readonly string[];
}

export interface NameDictionary {
  readonly first: ReadonlySet<string>;
  readonly last: ReadonlySet<string>;
  readonly common: ReadonlySet<string>;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The lookup key of a word: lower case without diacritics. */
export function foldName(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'") : lower;
}

function addAll(target: Set<string>, words: readonly string[] | undefined, field: string, issues: FieldIssue[]): void {
  (words ?? []).forEach((word, i) => {
    if (typeof word !== 'string' || !/^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u.test(word)) {
      issues.push({ path: `${field}[${i}]`, message: 'must be one word of letters (hyphen and apostrophe allowed)' });
      return;
    }
    target.add(foldName(word));
  });
}

/** A dictionary from word lists, on top of `base` when given (e.g. the default one). */
export function createNameDictionary(lists: NameLists, base?: NameDictionary): NameDictionary {
  const first = new Set(base?.first);
  const last = new Set(base?.last);
  const common = new Set(base?.common);
  const issues: FieldIssue[] = [];
  addAll(first, lists.firstNames, 'firstNames', issues);
  addAll(last, lists.lastNames, 'lastNames', issues);
  addAll(common, lists.commonWords, 'commonWords', issues);
  if (issues.length > 0) throw validationFailed(issues);
  return { first, last, common };
}

const words = (s: string): string[] => s.trim().split(/\s+/);

// The default is these hand-made lists of frequent given names and surnames (US, UK, France,
// Germany, Spain, Italy, Portugal, the Netherlands, Poland, some of India, China and the Arab
// world) merged with the generated lists of name-lists.generated.ts (faker's ~50 locales).
const FIRST_NAMES = words(`
  tim tom jim mike dave steve ben sam dan ron ted tony chris ken claude ada kate liz beth meg jenny
  jen alex nick greg jeff matt andy fred jake luke nate zack abby anne ava luc marc
  james john robert michael william david richard joseph thomas charles christopher daniel matthew
  anthony donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
  jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
  gregory alexander patrick raymond jack dennis jerry tyler aaron henry douglas peter adam nathan
  zachary walter kyle harold carl arthur gerald roger keith jeremy lawrence sean christian albert
  joe ethan austin jesse willie billy bryan bruce jordan ralph roy noah dylan eugene wayne alan
  juan louis russell gabriel randy philip harry vincent bobby johnny logan oliver liam lucas
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra
  margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura
  sharon cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine
  christine debra rachel carolyn janet catherine maria heather diane olivia julie joyce victoria
  kelly christina lauren joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria
  teresa ann sara madison frances kathryn janice jean abigail alice judy sophia denise doris
  marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori
  jean-pierre jean-paul jean-luc jean-marc jean-claude jean-françois pierre-yves marie-claire
  marie-france anne-sophie anne-marie pierre
  mathieu nicolas julien antoine guillaume sébastien françois frédéric jérôme stéphane olivier
  philippe laurent christophe thierry pascal didier sylvain arnaud romain maxime hugo théo lucas
  baptiste clément quentin valentin alexandre benoît cédric damien fabrice grégoire hervé jacques
  léo louis mathis nathan raphaël yann yves xavier bertrand gilles rémi loïc gaël cyril
  sophie camille léa manon chloé inès jade louise zoé lina juliette clara mathilde pauline aurélie
  céline nathalie isabelle valérie sandrine véronique christelle émilie élodie mélanie audrey
  caroline virginie stéphanie delphine hélène agnès brigitte sylvie monique françoise martine
  jacqueline nadine odile colette geneviève claudine margaux océane anaïs maëlle solène élise
  thibault gauthier aurélien florian adrien corentin kévin jérémy ludovic benjamin
  hans klaus jürgen wolfgang stefan andreas thomas michael matthias jörg uwe dieter helmut
  gerhard günter karl heinz werner manfred frank lukas felix jonas leon maximilian paul finn
  ursula helga ingrid renate gisela monika petra sabine claudia susanne birgit anja katrin
  julia lena leonie lea hannah mia emma sophie johanna greta
  josé antonio manuel francisco javier jesús carlos miguel alejandro rafael pablo sergio jorge
  alberto fernando luis ramón enrique diego andrés álvaro raúl
  carmen dolores pilar isabel lucía laura marta cristina elena paula raquel beatriz rosario
  giuseppe giovanni marco francesco alessandro andrea matteo lorenzo stefano luca riccardo
  davide simone federico luca roberto massimo giorgio salvatore vincenzo
  giulia francesca chiara valentina alessia sofia martina federica silvia elisa giovanna
  joão pedro tiago rui nuno ricardo bruno gonçalo inês beatriz mariana ana catarina
  jan piet kees henk willem sander bram daan sven thijs anke sanne femke lotte
  piotr krzysztof tomasz paweł marcin michał katarzyna małgorzata agnieszka magdalena joanna
  rahul amit priya anita sunil ravi vijay deepak pooja neha arjun rohan aditya sanjay
  wei li ming hui jing yan chen xiao yu jun
  mohammed muhammad ahmed ali omar hassan youssef karim mehdi fatima aisha leila yasmine nadia
  samir rachid khaled amina salma
  aiden mason elijah ethan caleb owen hunter wyatt connor eli nora zoe chloe ella avery riley
  aria layla scarlett hazel aurora stella lucy naomi
  will mark rose grace may june april august bill hope faith joy summer autumn dawn iris lily daisy
  ruby pearl amber jade olive violet holly ivy penny sandy frank jack bob pat sue gene ray rob drew
  chase hunter miles max angel guy christian roger robin gil
`);

const LAST_NAMES = words(`
  smith johnson williams jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
  wilson anderson taylor thomas moore jackson martin lee perez thompson harris sanchez clark
  ramirez lewis robinson walker allen nguyen torres flores rivera campbell mitchell carter roberts
  gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy
  rogers gutierrez ortiz morgan peterson cooper kelly howard ramos kim richardson watson
  jenkins perry powell sullivan russell myers ford hamilton graham wallace griffin hayes
  henderson coleman patterson jordan simmons foster gonzales bryant alexander butler barnes
  o'brien o'connor mcdonald macdonald mckenzie fitzgerald
  dupont durand dubois lefebvre leroy moreau laurent simon michel garnier faure rousseau
  bertrand girard bonnet lambert fontaine chevalier robin masson sanchez muller henry
  gauthier perrin morin mathieu clement nicolas guerin boyer roussel lemaire duval joly
  gautier roger roche leclerc lefevre picard renaud brun caron vidal dumont meunier
  bernard richard petit thomas robert morel fournier mercier blanc boucher legrand
  lebrun lemoine marchand dufour barbier brunet arnaud giraud colin
  müller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schäfer koch
  bauer richter klein wolf schröder neumann schwarz zimmermann braun krüger hofmann hartmann
  lange schmitt werner krause
  fernández gonzález rodríguez sánchez pérez martín gómez ruiz jiménez álvarez moreno muñoz
  romero navarro domínguez vázquez ramos gil serrano blanco molina castro ortega rubio
  rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti
  costa giordano mancini rizzo lombardi moretti
  silva santos ferreira pereira oliveira rodrigues martins sousa fernandes gonçalves
  jansen visser smit meijer mulder bos vos dekker
  nowak kowalski wiśniewski wójcik kowalczyk kamiński lewandowski zieliński szymański woźniak
  kumar sharma singh patel gupta reddy iyer nair rao shah
  wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu lin
  haddad khalil hussein ibrahim mansour nasser saleh benali bouaziz mahmoud
  brown white green black young king hill wood stone price bell cook long little ward
  carpenter fisher mason porter fox lamb short sharp bishop church knight page baker cole
`);

// Dictionary names that are also everyday words, months or places.
const COMMON_WORDS = words(`
  will mark rose grace may june april august bill hope faith joy summer autumn dawn iris lily daisy
  ruby pearl amber jade olive violet holly ivy penny sandy rich frank jack bob art pat sue gene ray
  rob drew chase hunter miles max sky star crystal angel destiny harmony melody hazel aurora stella
  lucky guy major earnest nick matt
  brown white green black young king hill wood stone price bell cook long little ward miller
  carpenter fisher mason porter fox lamb short sharp bishop church knight page baker cole ford
  wolf klein lange braun koch bauer roche brun blanc petit legrand blanco costa bruno gallo
  florence georgia jordan victoria sydney austin madison savannah virginia chelsea adelaide
  charlotte paris lourdes mercedes
  christian roger robin gil ma hu lin li yu wei ming jun
`);

// The hand-made lists above decide for their own names, and the generated lists add only names they
// lack: the generated common words come from a 275,000-word list that also holds `john`, `james`
// and `eric`, and a generated first name `Green` would make the surname `Green` open a name
// (`Green Party`). So `Kofi` is a strong first name and `Ama` needs company, while `John` stays
// strong and `Green` a surname that is also a word.
const HAND_MADE = new Set([...FIRST_NAMES, ...LAST_NAMES].map(foldName));
const added = (keys: readonly string[]): string[] => keys.filter((k) => !HAND_MADE.has(k));

export const DEFAULT_NAME_DICTIONARY: NameDictionary = createNameDictionary({
  firstNames: [...FIRST_NAMES, ...added(GENERATED_FIRST_NAMES)],
  lastNames: [...LAST_NAMES, ...added(GENERATED_LAST_NAMES)],
  commonWords: [...COMMON_WORDS, ...added(GENERATED_COMMON_WORDS)],
});
