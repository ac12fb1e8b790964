import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeProject, textItem } from '../../test/support/fixtures.ts';
import { insertItemsWithTasks } from './items.ts';
import { findItemsByText, itemsWithTexts } from './jobs-import-writes.ts';

describeEachEngine('items found by their text', (ctx) => {
  it('finds a project\'s items by exact text, the lowest id of repeats, long texts too, and not another project\'s', async () => {
    const db = ctx.store.db;
    const [project, other] = [await makeProject(ctx.store), await makeProject(ctx.store)];
    // Longer than a B-tree entry may be (~2.7 kB): a hash index keeps only its hash code.
    const long = `${'a long document '.repeat(500)}end`;
    const [first, , third, fourth] = await insertItemsWithTasks(db, project.id, [textItem('Ada'), textItem('Ada'), textItem('ada'), textItem(long)], 1);
    await insertItemsWithTasks(db, other.id, [textItem('Grace')], 1);

    const found = await findItemsByText(db, project.id, ['Ada', 'ada', long, 'Grace', 'Ada ']);
    assert.deepEqual([...found].map(([text, item]) => [text.slice(0, 20), item.id]).sort(), [['Ada', first], ['a long document a lo', fourth], ['ada', third]].sort());
    assert.equal((await findItemsByText(db, project.id, [])).size, 0);
  });

  it('can read the hash index for the lookup', async () => {
    const project = await makeProject(ctx.store);
    await insertItemsWithTasks(ctx.store.db, project.id, Array.from({ length: 300 }, (_, i) => textItem(`text ${i}`)), 1);
    // On a table this small a scan is cheaper; what matters is that the index answers the lookup.
    const plan = await ctx.store.transaction(async (tx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      return sql<{ 'QUERY PLAN': string }>`EXPLAIN ${itemsWithTexts(project.id, ['text 7', 'text 8'])}`.execute(tx);
    });
    assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /items_text_hash_idx/);
  });
});
