/**
 * Short news-like texts for the demo's entity project, written from templates with a seeded random
 * source. The spans of the people, organisations and places are known, for pre-annotations.
 */
import { seededRandom } from '../core/quality/seeded-random.ts';

const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Tim Berners-Lee', 'Margaret Hamilton', 'Claude Shannon', 'Hedy Lamarr', 'Donald Knuth', 'Barbara Liskov', 'Frances Allen', 'John McCarthy', 'Radia Perlman', 'Ken Thompson', 'Sophie Wilson'];
const ORGS = ['Acme Robotics', 'the City Council', 'Northwind Bank', 'Globex', 'the University of Lyon', 'Initech', 'the Red Cross', 'Umbrella Health', 'Contoso', 'the Met Office'];
const PLACES = ['London', 'Paris', 'Nairobi', 'Toronto', 'Bangalore', 'Lyon', 'Berlin', 'São Paulo', 'Osaka', 'Melbourne', 'Dublin', 'Lagos'];
const DAYS = ['on Monday', 'on Tuesday', 'last week', 'in March', 'yesterday', 'on 12 May'];

type Slot = 'PER' | 'ORG' | 'LOC';
const TEMPLATES: { parts: (string | Slot)[]; sentiment: 'positive' | 'negative' | 'neutral' }[] = [
  { parts: ['PER', ' opened a new office of ', 'ORG', ' in ', 'LOC', ' {day}.'], sentiment: 'positive' },
  { parts: ['ORG', ' cut 200 jobs in ', 'LOC', ', said ', 'PER', '.'], sentiment: 'negative' },
  { parts: ['PER', ' met ', 'PER', ' in ', 'LOC', ' {day} to discuss the budget.'], sentiment: 'neutral' },
  { parts: ['Flooding closed the main road to ', 'LOC', ' {day}; ', 'ORG', ' sent help.'], sentiment: 'negative' },
  { parts: ['ORG', ' won an award for its work in ', 'LOC', ', led by ', 'PER', '.'], sentiment: 'positive' },
  { parts: ['PER', ' will speak at ', 'ORG', ' {day}.'], sentiment: 'neutral' },
  { parts: ['Shares of ', 'ORG', ' fell after ', 'PER', ' left the board.'], sentiment: 'negative' },
  { parts: ['A new bridge links ', 'LOC', ' and ', 'LOC', ', thanks to ', 'ORG', '.'], sentiment: 'positive' },
];

export interface NewsText {
  text: string;
  entities: { label: Slot; start: number; end: number }[];
  sentiment: 'positive' | 'negative' | 'neutral';
}

export function writeNewsText(index: number): NewsText {
  const rnd = seededRandom(5000 + index);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const template = TEMPLATES[index % TEMPLATES.length]!;
  let text = '';
  const entities: NewsText['entities'] = [];
  for (const part of template.parts) {
    if (part === 'PER' || part === 'ORG' || part === 'LOC') {
      const value = pick(part === 'PER' ? PEOPLE : part === 'ORG' ? ORGS : PLACES);
      entities.push({ label: part, start: text.length, end: text.length + value.length });
      text += value;
    } else {
      text += part.replace('{day}', pick(DAYS));
    }
  }
  return { text: text.charAt(0).toUpperCase() + text.slice(1), entities, sentiment: template.sentiment };
}
