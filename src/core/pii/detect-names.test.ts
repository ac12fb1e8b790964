import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from './detect.ts';

const names = (text: string): string[] => detectPii(text, { types: ['name'] }).map((f) => f.text);

// Hedy, Lamarr, Radia, Perlman and Hopper are in no list; Grace is a given name that is also a word.
test('a given name and surname in no list are found where the words around them speak of a person', () => {
  assert.deepEqual(names('The talk cited Hedy Lamarr and her patent.'), ['Hedy Lamarr']);
  assert.deepEqual(names('Ask Radia Perlman about spanning trees.'), ['Radia Perlman']);
  assert.deepEqual(names('The network engineer Radia Perlman designed it.'), ['Radia Perlman']);
  assert.deepEqual(names('Hedy Lamarr, born in Vienna, co-invented frequency hopping.'), ['Hedy Lamarr']);
});

test('a given name that is also a word, then a capitalised word in no list, is a name away from a sentence start', () => {
  assert.deepEqual(names('The compiler was written by Grace Hopper in 1952.'), ['Grace Hopper']);
  assert.deepEqual(names('Grace Hopper wrote the first compiler.'), ['Grace Hopper'], 'or at one, when a deed of a person follows');
});

test('a listed given name ending a run is the surname of the unknown word before it', () => {
  assert.deepEqual(names('Please call Amelia Scott tomorrow.'), ['Amelia Scott']);
});

test('capitalised words that are not people stay unflagged', () => {
  assert.deepEqual(names('Grace period ends in May.'), []);
  assert.deepEqual(names('The Jade Palace restaurant reopened.'), [], 'a place after an article');
  assert.deepEqual(names('Quality Control reviewed the batch.'), [], 'a department at a sentence start');
  assert.deepEqual(names('The Washington Post said the figures were final.'), [], 'an organisation that says things');
  assert.deepEqual(names('Acme Widgets shipped the order on Monday.'), [], 'two unknown words with no person near');
  assert.deepEqual(names('Visual Studio crashed twice.'), []);
  assert.deepEqual(names('Patient Thomas Bernard was discharged.'), ['Thomas Bernard'], 'a role is not part of the name');
});

// These names come from the generated lists (faker's locales), none from the hand-made ones.
test('given names and surnames of many cultures are found in plain sentences', () => {
  assert.deepEqual(names('Kwame Mensah approved the budget.'), ['Kwame Mensah'], 'Ghana');
  assert.deepEqual(names('The invoice was sent to Chinedu Okafor yesterday.'), ['Chinedu Okafor'], 'Nigeria');
  assert.deepEqual(names('Aminata Diallo and Moussa Ndiaye met in Dakar.'), ['Aminata Diallo', 'Moussa Ndiaye'], 'Senegal');
  assert.deepEqual(names('Sipho Ndlovu reviewed the batch.'), ['Sipho Ndlovu'], 'South Africa');
  assert.deepEqual(names('Ask Aarav Chopra for the keys.'), ['Aarav Chopra'], 'India');
  assert.deepEqual(names('Dragana Jovanović will review the batch.'), ['Dragana Jovanović'], 'Serbia');
  assert.deepEqual(names('Eino Virtanen and Tereza Dvořáková signed the form.'), ['Eino Virtanen', 'Tereza Dvořáková'], 'Finland, Czechia');
  assert.deepEqual(names('Please forward the file to Sigrid Haugen.'), ['Sigrid Haugen'], 'Norway');
  assert.deepEqual(names('Ximena Rojas joined the call late.'), ['Ximena Rojas'], 'Mexico');
  assert.deepEqual(names('Mehmet Yılmaz phoned about the delivery.'), ['Mehmet Yılmaz'], 'Turkey');
});

test('names that are also everyday English words stay unflagged in everyday sentences', () => {
  assert.deepEqual(names('Will you mark the bill?'), []);
  assert.deepEqual(names('Hope the long summer goes well.'), []);
  assert.deepEqual(names('May I grant the chase a long summer?'), []);
  assert.deepEqual(names('Young people like the park.'), []);
  assert.deepEqual(names('The Rose Garden opens in June.'), [], 'two such words after an article are a place');
  assert.deepEqual(names('Grace and Hope went to Ford.'), [], 'Ford is a surname the hand-made list marks as a word');
  assert.deepEqual(names('The invoice goes to Mark Brown today.'), ['Mark Brown'], 'but two of them together are a name');
});

test('words the name lists hold that are not names here stay unflagged', () => {
  assert.deepEqual(names('Le dossier est complet.'), [], 'Lê is a Vietnamese name, Le a French article');
  assert.deepEqual(names('The London team answers the phone.'), [], 'London is a given name and a city');
  assert.deepEqual(names('Send the IBAN today.'), [], 'Iban is a given name; a lone word in capitals is an acronym');
  assert.deepEqual(names('Dear KOFI, the IBAN is attached. JOHN SMITH'), ['KOFI', 'JOHN SMITH'], 'capitals after a salutation or beside a name');
});

test('a name that makes a place, an organisation, an award or an eponym is not a person', () => {
  assert.deepEqual(names('The office is on Martin Luther King Jr. Boulevard.'), []);
  assert.deepEqual(names('We land at Charles de Gaulle airport at noon.'), [], 'in lower case too');
  assert.deepEqual(names('She moved to Rue Victor Hugo last year.'), [], 'a street named before the name');
  assert.deepEqual(names('Her grandfather had Parkinson’s disease.'), [], 'an eponym after a possessive');
  assert.deepEqual(names('Ask the Dupont Group about the contract.'), []);
  assert.deepEqual(names('Anna Kowalski will test the build.'), ['Anna Kowalski'], 'a lower-case verb is not a place');
  assert.deepEqual(names('Let Sipho Ndlovu drive the van.'), ['Sipho Ndlovu']);
});

test('a lower-case chat speaker and a record header’s SURNAME, Given are names when the lists hold every word', () => {
  assert.deepEqual(names('[09:14] tomasz: the build is green\n[09:15] maria: thanks'), ['tomasz', 'maria']);
  assert.deepEqual(names('admin: restart the queue\nnote: done'), [], 'roles and notes are no names');
  assert.deepEqual(names('ROSSI, GIULIA\nDOB on file'), ['ROSSI, GIULIA']);
  assert.deepEqual(names('Kowalski, Anna Maria\nward 4'), ['Kowalski, Anna Maria'], 'in title case at a line’s start');
  assert.ok(!names('Back in Kowalski, Anna said hello.').includes('Kowalski, Anna'), 'not as one name inside a sentence');
});

// None of these names is in the lists; their words are not English either.
test('two or three words in no list that are not English are a name, unless a place or an acronym’s qualifier', () => {
  assert.deepEqual(names('Anirban Chattopadhyay will demo the export flow.'), ['Anirban Chattopadhyay']);
  assert.deepEqual(names('The badge was returned by Siaosi Tuimavave on Friday.'), ['Siaosi Tuimavave']);
  assert.deepEqual(names('Contact Tewodros Bekele.'), ['Tewodros Bekele'], 'an English verb opening the sentence is not part of it');
  assert.deepEqual(names('The office is in Kuala Lumpur.'), [], 'a city of two words');
  assert.deepEqual(names('Swiss IBAN numbers are longer.'), [], 'a qualifier and an acronym');
  assert.deepEqual(names('Acme Widgets shipped the order.'), [], 'English words, however rare');
  assert.deepEqual(names('Nominations for the Ramon Magsaysay Award close in May.'), [], 'a place word ends the run');
  assert.deepEqual(names('The Julia 1.10 upgrade broke the notebook.'), [], 'a version number makes it a product');
});

test('a lone word in no list is a name where its place says so: a list of names, a greeting, a person addressed', () => {
  assert.deepEqual(names('Arjun, Meenakshi, Ilango and Padmavathi are on the rota.'), ['Arjun', 'Meenakshi', 'Ilango', 'Padmavathi']);
  assert.deepEqual(names('Lagos, Addis Ababa and Chennai host the hubs.').includes('Lagos'), false, 'a list grows from names of the lists only');
  assert.deepEqual(names('Thanks, Adaeze!'), ['Adaeze']);
  assert.deepEqual(names('Congrats Mekdes on the promotion!'), ['Mekdes']);
  assert.deepEqual(names('Chidi, can you look at this?'), ['Chidi']);
  assert.deepEqual(names('Great catch, Oluwatobi.'), ['Oluwatobi']);
  assert.deepEqual(names('Kubernetes restarted the pod.'), [], 'alone, with nothing to say it is a person');
});

test('initials, suffixes and form fields stay with the name', () => {
  assert.deepEqual(names('Ask K.R. Venkatesan for the key.'), ['K.R. Venkatesan']);
  assert.deepEqual(names('Observers: B. Ganbold.'), ['B. Ganbold']);
  assert.deepEqual(names('Sefo Tuilagi Jr. is taking over.'), ['Sefo Tuilagi Jr.']);
  assert.deepEqual(names('Regards, Meseret A.'), ['Meseret A.']);
  assert.deepEqual(names('NEXT OF KIN: HIWOT TESFAYE (SISTER)'), ['HIWOT TESFAYE']);
  assert.deepEqual(names('EMPLOYEE: ÞÓRÐUR ÁSGEIRSSON   DEPT: FINANCE'), ['ÞÓRÐUR ÁSGEIRSSON']);
  assert.deepEqual(names('NAME: PLEASE CALL BACK'), [], 'a field whose words are English');
});

test('a line all in lower case is read as if its possible names had their capitals', () => {
  assert.deepEqual(names('ok will ask chidi about it tmrw'), ['chidi'], 'a person asked');
  assert.deepEqual(names('lol the build broke again tmrw'), [], 'chat words are no names');
  assert.deepEqual(names('ashkan: can someone rerun the pipeline'), ['ashkan'], 'a speaker in no list, not English');
  assert.deepEqual(names('todo: rerun the pipeline tonight'), []);
  assert.deepEqual(names('Ask chidi about it.'), [], 'a line with capitals is read as written');
});
