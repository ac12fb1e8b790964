/**
 * The annotate screen for the task on hand: labels on the left, the image or text in the middle,
 * guidelines and the shapes list on the right, and the actions on top. The canvas stays mounted
 * from task to task; only the draft is started again. `data-ready` on the root names the task
 * whose content is drawn and ready for input (the browser tests and the ui-next benchmark wait on it).
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/errors.ts';
import type { Project, User } from '../api/types.ts';
import { ErrorNote } from '../ui/feedback.tsx';
import { type Draft, type DraftRegion, EMPTY_DRAFT, addRegion, openingDraft, relabelRegion, removeRegion, replaceRegion, resultFromDraft, toggleChoice } from './draft.ts';
import { draftProblems } from './draft-problems.ts';
import { DraftStore, newClientToken } from './draft-store.ts';
import { FlagDialog } from './FlagDialog.tsx';
import { amend, canRedo, canUndo, type History, record, redo, startHistory, undo } from './history.ts';
import { commandKeys, type KeyAction, type PaletteEntry, paletteOf } from './hotkeys.ts';
import { LabelPalette } from './LabelPalette.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { SidePanel } from './SidePanel.tsx';
import { type Status, StatusLine } from './StatusLine.tsx';
import type { PreparedTask, TaskPipeline } from './task-pipeline.ts';
import { useAnnotateKeys } from './use-annotate-keys.ts';
import type { PreparedWork } from './use-task-pipeline.ts';
import { flagTask, skipTask, submitAnnotation } from './work-api.ts';
import { WorkClock } from './work-clock.ts';

const ImageCanvas = lazy(() => import('./ImageCanvas.tsx'));
const TextCanvas = lazy(() => import('./TextCanvas.tsx'));

interface Props {
  project: Project;
  me: User;
  pipeline: TaskPipeline<PreparedWork>;
  current: PreparedTask<PreparedWork>;
  /** The task claimed and prepared ahead, when there is one. */
  upcoming: PreparedTask<PreparedWork> | null;
  left: number | null;
}

interface TaskState {
  taskId: number;
  history: History<Draft>;
  selectedId: string | null;
  clientToken: string;
  /** The draft came from this browser's storage (a reload, a session that ran out). */
  restored: boolean;
}

export function Workbench({ project, me, pipeline, current, upcoming, left }: Props) {
  const { next, prepared } = current;
  const { task, item } = next;
  const schema = prepared.schema;
  const palette = useMemo(() => paletteOf(schema), [schema]);
  const drafts = useMemo(() => new DraftStore(window.localStorage, me.id), [me.id]);
  const colors = useMemo(() => new Map(palette.map((e) => [`${e.control}/${e.label}`, e.color])), [palette]);
  const colorOf = useCallback((control: string, label: string) => colors.get(`${control}/${label}`) ?? '#888888', [colors]);

  const initial = (): TaskState => {
    const stored = drafts.load(task.id);
    const draft = openingDraft({ stored: stored?.draft ?? null, sentBack: next.sentBack?.result ?? null, prediction: prepared.predictions[0]?.result ?? null }, schema);
    return { taskId: task.id, history: startHistory(draft), selectedId: null, clientToken: stored?.clientToken ?? newClientToken(), restored: stored !== null };
  };
  const regionEntries = palette.filter((e) => e.kind === 'bbox' || e.kind === 'polygon' || e.kind === 'span');
  // A task opens with the first region label picked, ready to draw; Escape puts it down (to pan, to read).
  const [tool, setTool] = useState<PaletteEntry | null>(() => regionEntries[0] ?? null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [state, setState] = useState<TaskState>(initial);
  const clock = useRef<{ taskId: number; clock: WorkClock } | null>(null);
  if (state.taskId !== task.id) {
    // A new task on the same screen: its draft starts here, during render, so the old one is never drawn on it.
    setState(initial());
    // A label picked carries over to the next task; none picked, the next task opens with the first.
    if (tool === null) setTool(regionEntries[0] ?? null);
    if (status.kind === 'invalid') setStatus({ kind: 'idle' });
  }
  const live = state.taskId === task.id ? state : null;
  const draft = live?.history.present ?? EMPTY_DRAFT;
  if (!clock.current || clock.current.taskId !== task.id) {
    clock.current = { taskId: task.id, clock: new WorkClock(() => performance.now(), drafts.load(task.id)?.elapsedMs ?? 0) };
  }

  const [readyFor, setReadyFor] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [flagging, setFlagging] = useState(false);
  const [guidelinesOpen, setGuidelinesOpen] = useState(true);
  const readyKey = String(task.id);
  const ready = readyFor === readyKey;

  // A label picked must be one of this schema (projects can change schema version between tasks).
  const activeTool = tool === null ? null : (regionEntries.find((e) => e.control === tool.control && e.label === tool.label) ?? regionEntries[0] ?? null);
  const itemName = item.externalId ?? `item ${item.id}`;
  const commands = commandKeys(palette);

  const edit = useCallback(
    (change: (d: Draft) => Draft, select?: string | null) =>
      setState((s) => {
        const nextDraft = change(s.history.present);
        return { ...s, history: record(s.history, nextDraft), selectedId: select === undefined ? s.selectedId : select };
      }),
    [],
  );

  // Kept in the browser at every change: a reload or a lost session loses nothing.
  useEffect(() => {
    if (!live) return;
    drafts.save({ taskId: task.id, projectId: project.id, draft, elapsedMs: clock.current!.clock.elapsedMs(), clientToken: live.clientToken, savedAt: Date.now() });
  }, [draft]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const c = clock.current!.clock;
    if (ready && document.visibilityState === 'visible') c.resume();
    const onVisibility = () => (document.visibilityState === 'visible' && ready ? c.resume() : c.pause());
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      c.pause();
    };
  }, [ready, task.id]);

  const onReady = useCallback((key: string) => setReadyFor(key), []);
  const busy = status.kind === 'busy';

  // Submits made ahead that the server refused: the screen has moved on, so they are listed here.
  const [unsaved, setUnsaved] = useState<{ item: string; error: unknown }[]>([]);

  // Once a submit was held back, its problems follow the draft: mended, the warning goes.
  const problems = useMemo(() => (status.kind === 'invalid' ? draftProblems(draft, schema, item) : []), [status.kind, draft, schema, item]);
  useEffect(() => {
    if (status.kind === 'invalid' && problems.length === 0) setStatus({ kind: 'idle' });
  }, [status.kind, problems.length]);

  const submit = async () => {
    // Not before the task is drawn: a second Enter must not submit a task the person has not seen.
    if (busy || !live || !ready) return;
    if (draftProblems(draft, schema, item).length > 0) {
      setStatus({ kind: 'invalid' });
      return;
    }
    setStatus({ kind: 'idle' });
    const result = resultFromDraft(draft);
    const timeSpentMs = clock.current!.clock.elapsedMs();
    const taskId = task.id;
    const clientToken = live.clientToken;
    try {
      await pipeline.advanceAhead((id) => submitAnnotation(id, { result, schemaVersion: next.schemaVersion, timeSpentMs, clientToken }));
      drafts.drop(taskId);
    } catch (error) {
      // The draft stays in the browser; the message says what happened to it.
      setUnsaved((list) => [...list, { item: itemName, error }]);
    }
  };

  /** Leaves the task by `finish` (skip, flag); says `done` after, or what went wrong. */
  const leave = async (what: string, failed: string, finish: (taskId: number) => Promise<string | null>) => {
    if (busy) return;
    setStatus({ kind: 'busy', what });
    const taskId = task.id;
    try {
      const outcome: { said: string | null } = { said: null };
      await pipeline.advance(async (id) => {
        outcome.said = await finish(id);
      });
      drafts.drop(taskId);
      setStatus(outcome.said ? { kind: 'done', text: outcome.said } : { kind: 'idle' });
    } catch (error) {
      setStatus({ kind: 'error', title: failed, error, leaseLost: error instanceof ApiError && (error.code === 'lease_lost' || error.status === 404) });
    }
  };
  const skip = () => leave('Skipping…', 'Not skipped.', async (taskId) => (await skipTask(taskId, null), null));
  const flag = (reason: string) => {
    setFlagging(false);
    return leave('Flagging…', 'Not flagged.', async (taskId) => {
      const { toPool } = await flagTask(taskId, reason || null);
      return `Flagged ${itemName} as an edge case: it left your queue for ${toPool ? `the ${toPool} pool` : 'in-house staff'} to decide.`;
    });
  };

  const moveOn = async () => {
    setStatus({ kind: 'busy', what: 'Taking the next task…' });
    await pipeline.advance(async () => undefined);
    setStatus({ kind: 'idle' });
  };

  const pick = (entry: PaletteEntry) => {
    if (entry.kind === 'single_choice' || entry.kind === 'multi_choice') {
      const control = schema.controls.find((c) => c.name === entry.control)!;
      edit((d) => toggleChoice(d, control, entry.label));
      return;
    }
    setTool(entry);
    // A shape the person selected takes the label, once: it is let go (as the image annotator lets go
    // of it when drawing starts), so the label picked next is for new shapes again.
    const selected = live?.selectedId ? draft.regions.find((r) => r.id === live.selectedId) : undefined;
    if (selected && selected.kind === entry.kind) edit((d) => relabelRegion(d, selected.id, entry.control, entry.label), null);
  };

  const onKey = (action: KeyAction) => {
    switch (action.type) {
      case 'label':
        return pick(action.entry);
      case 'submit':
        return void submit();
      case 'skip':
        return void skip();
      case 'flag':
        return setFlagging(true);
      case 'undo':
        return setState((s) => ({ ...s, history: undo(s.history), selectedId: null }));
      case 'redo':
        return setState((s) => ({ ...s, history: redo(s.history), selectedId: null }));
      case 'delete':
        if (live?.selectedId) edit((d) => removeRegion(d, live.selectedId!), null);
        return;
      case 'escape':
        // First what is selected goes, then the label picked: a drag then pans, a text selection marks nothing.
        if (live?.selectedId) setState((s) => ({ ...s, selectedId: null }));
        else setTool(null);
        return;
      case 'help':
        return setHelp(true);
      case 'guidelines':
        return setGuidelinesOpen((o) => !o);
    }
  };
  useAnnotateKeys(palette, !help && !flagging, onKey);

  const selectedRegion = live?.selectedId ? draft.regions.find((r) => r.id === live.selectedId) : undefined;
  const imageTool = activeTool && (activeTool.kind === 'bbox' || activeTool.kind === 'polygon') ? { control: activeTool.control, label: activeTool.label, kind: activeTool.kind } : null;
  const spanTool = activeTool?.kind === 'span' ? { control: activeTool.control, label: activeTool.label } : null;
  // A shape just drawn is not kept selected (the canvases let go of what their libraries select on
  // drawing): the next drag starts the next shape, and the next label picked is for that shape, not
  // a rename of this one. Only a shape the person clicks takes the label picked after.
  const onCreate = useCallback((region: DraftRegion) => edit((d) => addRegion(d, region), null), [edit]);
  // Moving or reshaping a shape reports every step; steps of one gesture on one shape are one undo step.
  const lastChange = useRef<{ id: string; at: number } | null>(null);
  const onChange = useCallback((region: DraftRegion) => {
    const now = performance.now();
    const same = lastChange.current?.id === region.id && now - lastChange.current.at < 1000;
    lastChange.current = { id: region.id, at: now };
    setState((s) => ({ ...s, history: (same ? amend : record)(s.history, replaceRegion(s.history.present, region)) }));
  }, []);
  const onDelete = useCallback((id: string) => edit((d) => removeRegion(d, id), null), [edit]);
  const onSelect = useCallback((id: string | null) => setState((s) => (s.selectedId === id ? s : { ...s, selectedId: id })), []);
  // Work sent back starts from the person's answer: the model's guess is not what is on screen.
  const prediction = next.sentBack ? undefined : prepared.predictions[0];
  const sentBack = next.sentBack;

  return (
    <div className={`workbench${guidelinesOpen ? '' : ' no-side'}`} data-testid="annotate" data-ready={ready ? readyKey : ''} data-task-id={task.id} data-item-id={item.id} data-next-ready={upcoming ? 'true' : 'false'} aria-busy={!ready || busy}>
      <div className="toolbar" role="toolbar" aria-label="Task actions">
        <div className="task-title">
          <Link to="/work" className="quiet-link">
            {project.name}
          </Link>
          <span aria-hidden="true"> / </span>
          <span className="item-name">{itemName}</span>
          {/* The task on hand is not done yet: it counts, so the last task reads "1 left". */}
          {left !== null && <span className="muted"> · {left} left, this one included</span>}
        </div>
        <div className="actions">
          <button type="button" onClick={() => onKey({ type: 'undo' })} disabled={!live || !canUndo(live.history)} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" onClick={() => onKey({ type: 'redo' })} disabled={!live || !canRedo(live.history)} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
          <button type="button" onClick={() => onKey({ type: 'delete' })} disabled={!selectedRegion} aria-keyshortcuts="Delete" title="Delete the selected shape (Delete)">
            Delete
          </button>
          <span className="sep" aria-hidden="true" />
          <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="Shift+?" title="Keyboard shortcuts (?)">
            Keys <kbd>?</kbd>
          </button>
          <button type="button" onClick={() => setGuidelinesOpen((o) => !o)} aria-expanded={guidelinesOpen} aria-controls="side-panel">
            Guidelines
          </button>
          <button type="button" onClick={() => setFlagging(true)} disabled={busy} data-annotate-key="" aria-keyshortcuts={commands.flag ? 'F' : undefined} title="Flag this item as an edge case: it is skipped for you and goes up a tier">
            Flag {commands.flag && <kbd>F</kbd>}
          </button>
          <button type="button" onClick={() => void skip()} disabled={busy} aria-keyshortcuts={commands.skip ? 'S' : undefined}>
            Skip {commands.skip && <kbd>S</kbd>}
          </button>
          <button type="button" className="primary" onClick={() => void submit()} disabled={busy} aria-keyshortcuts="Enter" data-annotate-key="">
            Submit <kbd>Enter</kbd>
          </button>
        </div>
      </div>
      <aside className="left" aria-label="Labels">
        <LabelPalette schema={schema} palette={palette} draft={draft} tool={activeTool} selectedLabel={selectedRegion ?? null} onPick={pick} />
      </aside>
      <section className="canvas" aria-label={item.kind === 'image' ? 'Image' : 'Text'}>
        {sentBack && (
          // Said above the work, for as long as the task is on screen: what the reviewer asks is what is to be done.
          <div className="note note-warn sent-back" role="status" data-testid="sent-back">
            <strong>Sent back by {sentBack.reviewerName ?? 'a reviewer'}:</strong> {sentBack.comment ?? 'no comment.'}
            {!live?.restored && <span className="muted"> Your earlier answer is loaded: mend it and submit again.</span>}
          </div>
        )}
        <Suspense fallback={<div className="canvas-loading">Loading the annotator…</div>}>
          {item.kind === 'image' ? (
            <ImageCanvas
              readyKey={readyKey}
              url={item.contentUrl}
              nextUrl={upcoming?.next.item.kind === 'image' ? upcoming.next.item.contentUrl : null}
              nextWidth={upcoming?.next.item.width ?? null}
              width={item.width ?? 0}
              height={item.height ?? 0}
              regions={draft.regions}
              colorOf={colorOf}
              tool={imageTool}
              selectedId={live?.selectedId ?? null}
              label={`Image ${item.externalId ?? item.id}: ${imageTool ? `drawing ${imageTool.label}` : 'pan and select'}`}
              onCreate={onCreate}
              onChange={onChange}
              onDelete={onDelete}
              onSelect={onSelect}
              onReady={onReady}
            />
          ) : (
            <TextCanvas
              readyKey={readyKey}
              text={item.text ?? ''}
              regions={draft.regions}
              colorOf={colorOf}
              tool={spanTool}
              selectedId={live?.selectedId ?? null}
              label={`Text ${item.externalId ?? item.id}: ${spanTool ? `select text to mark ${spanTool.label}` : 'read'}`}
              onCreate={onCreate}
              onSelect={onSelect}
              onReady={onReady}
            />
          )}
        </Suspense>
        {unsaved.length > 0 && (
          <div className="unsaved" role="alert">
            {unsaved.map((u, i) => (
              <ErrorNote key={i} title={`Your annotation of ${u.item} was not saved.`} error={u.error} />
            ))}
            <button type="button" className="quiet" onClick={() => setUnsaved([])}>
              Dismiss
            </button>
          </div>
        )}
        <StatusLine status={status} problems={problems} onMoveOn={() => void moveOn()} prediction={prediction ? `${prediction.model?.name ?? 'a model'}${prediction.model?.version ? ` ${prediction.model.version}` : ''}` : null} fromStored={live?.restored ?? false} />
      </section>
      {guidelinesOpen && (
        <SidePanel
          id="side-panel"
          projectId={project.id}
          guidelinesVersion={next.guidelinesVersion}
          schemaVersion={next.schemaVersion}
          item={item}
          regions={draft.regions}
          colorOf={colorOf}
          selectedId={live?.selectedId ?? null}
          onSelect={onSelect}
          onDelete={onDelete}
        />
      )}
      <ShortcutsDialog open={help} palette={palette} dataKind={item.kind} onClose={() => setHelp(false)} />
      <FlagDialog open={flagging} itemName={itemName} itemKind={item.kind} onFlag={(reason) => void flag(reason)} onClose={() => setFlagging(false)} />
    </div>
  );
}
