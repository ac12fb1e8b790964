/**
 * Large cities of the world, folded (foldName), that the generated place names (faker's, mostly
 * made up for the locales) miss: without them `Lagos, Addis Ababa and Chennai` reads as a list of
 * people, since none of its words is English. Single words and phrases of several.
 */
const CITIES = `
abidjan abuja accra addis ababa ahmedabad algiers almaty amman ankara antananarivo asmara astana asuncion
baghdad baku bamako bangalore bengaluru bangui banjul bishkek bogota brasilia brazzaville bujumbura bulawayo
cairo caracas casablanca chengdu chennai chittagong chongqing colombo conakry cotonou dakar damascus dar es salaam
davao dhaka djibouti dodoma doha dubai dushanbe durban enugu faisalabad freetown gaborone guangzhou guayaquil
hanoi harare hargeisa ho chi minh hyderabad ibadan isfahan islamabad izmir jaipur jakarta jeddah johannesburg
juba kabul kaduna kampala kano karachi kathmandu khartoum kigali kinshasa kisumu kolkata kuala lumpur kumasi
kyiv lagos lahore libreville lilongwe lima luanda lubumbashi lucknow lusaka maputo maseru mashhad mbabane
medan medellin mogadishu mombasa monrovia montevideo mumbai muscat nairobi nakuru ndjamena niamey nouakchott
ouagadougou peshawar phnom penh port harcourt porto novo pretoria pune quito rabat riyadh samarkand santiago
sao paulo sana shenzhen surabaya tashkent tbilisi tegucigalpa tehran thimphu tripoli tunis ulaanbaatar
ulan bator vientiane windhoek yangon yaounde yerevan zanzibar`;

/** Cities of several words, as phrases (`addis ababa`). */
export const CITY_PHRASES: readonly string[] = [
  'addis ababa', 'dar es salaam', 'ho chi minh', 'kuala lumpur', 'phnom penh', 'port harcourt', 'porto novo', 'sao paulo', 'ulan bator',
];

/** Every word of the list, alone (`lagos`, and `addis` of Addis Ababa). */
export const CITY_WORDS: ReadonlySet<string> = new Set(CITIES.trim().split(/\s+/));
