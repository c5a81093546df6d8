/**
 * The in-page "Save clipping" button next to a selection, and the panel shown after
 * saving (undo, note, tags). Both live in the extension's closed shadow root.
 */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { h, render } from 'preact';
import { SavedPanel } from '../../components/clip/SavedPanel';
import { describeFailure, describeSaveError } from '../../components/clip/save-error';
import { t } from '../../i18n';
import type { Clipping } from '../../model/clipping';
import { visibleAnchor } from './anchor-rect';
import { selectionProblem } from './capture';
import { NoteDraft } from './note-draft';

export interface SaveOutcome {
  clipping: Clipping;
  duplicate: boolean;
  range: Range;
}

export interface SelectionUiDeps {
  doc: Document;
  uiRoot: ShadowRoot;
  isOwn: (el: Element) => boolean;
  /** Open shadow roots in which selections may be made. */
  shadowRoots: () => ShadowRoot[];
  save: (range: Range) => Promise<SaveOutcome>;
  update: (id: string, note: string, tags: string[]) => Promise<void>;
  undo: (id: string) => Promise<void>;
  enabled: () => boolean;
  /** Puts the UI host back if the page removed it. */
  ensureHost: () => void;
  /** How long the saved panel stays without the reader's attention (tests shorten it). */
  panelIdleMs?: number;
}

const PANEL_IDLE_MS = 10_000;
const ERROR_MS = 8000;

/** The saved panel on screen: closing it saves what the reader typed, unless they undid the save. */
interface OpenPanel {
  close(how: 'save' | 'discard'): void;
}

/** The current selection as a Range, piercing open shadow roots where the browser allows it. */
export function currentSelectionRange(doc: Document, shadowRoots: ShadowRoot[]): Range | null {
  const sel = doc.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const getComposed = (sel as Selection & { getComposedRanges?: (...a: unknown[]) => StaticRange[] }).getComposedRanges;
  if (getComposed && shadowRoots.length) {
    let ranges: StaticRange[] | undefined;
    try {
      ranges = getComposed.call(sel, { shadowRoots });
    } catch {
      try {
        ranges = getComposed.call(sel, ...shadowRoots);
      } catch {
        ranges = undefined;
      }
    }
    const s = ranges?.[0];
    if (s && !s.collapsed) {
      const r = doc.createRange();
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
      return r;
    }
  }
  return sel.getRangeAt(0).cloneRange();
}

export class SelectionUi {
  private readonly layer: HTMLDivElement;
  private button?: HTMLButtonElement;
  private timer?: ReturnType<typeof setTimeout>;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private panel?: OpenPanel;
  /** The reader worked in the open panel: a new selection does not replace it, nor does the timeout close it while it has focus. */
  private panelTouched = false;
  /** The selection changed since the panel opened (key and mouse events alone do not replace it). */
  private panelReselected = false;
  private detached = false;
  /** Stops following the selection as the page scrolls or resizes. */
  private unplace?: () => void;
  private readonly off: (() => void)[] = [];

  constructor(private readonly deps: SelectionUiDeps) {
    this.layer = deps.doc.createElement('div');
    this.layer.className = 'clip-layer';
    // The panel's timeout counts from when focus left it.
    this.layer.addEventListener('focusout', () => {
      if (this.panel) this.armIdle();
    });
    deps.uiRoot.appendChild(this.layer);
  }

  attach(): void {
    const { doc } = this.deps;
    const schedule = (e: Event) => {
      // Only the reader's own actions: synthetic events from the page are ignored.
      if (!e.isTrusted) return;
      if (e.type === 'selectionchange' && this.panel) this.panelReselected = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), 150);
    };
    const listen = (type: string, fn: EventListener) => {
      doc.addEventListener(type, fn, { passive: true });
      this.off.push(() => doc.removeEventListener(type, fn));
    };
    listen('selectionchange', schedule);
    listen('mouseup', schedule);
    listen('keyup', schedule);
    // A press anywhere else closes the panel (saving its note and tags); ours are inside the host.
    const outside = (e: Event) => {
      if (e.isTrusted && this.panel && !e.composedPath().includes(this.deps.uiRoot.host)) this.panel.close('save');
    };
    doc.addEventListener('pointerdown', outside, { capture: true, passive: true });
    this.off.push(() => doc.removeEventListener('pointerdown', outside, { capture: true }));
    // Leaving the page: the message still goes out.
    const win = doc.defaultView;
    const leave = () => this.closePanel();
    win?.addEventListener('pagehide', leave);
    this.off.push(() => win?.removeEventListener('pagehide', leave));
    // A selection made before the UI was loaded (it loads after the first highlights).
    if (doc.getSelection()?.isCollapsed === false) this.timer = setTimeout(() => this.refresh(), 150);
  }

  detach(): void {
    this.detached = true;
    this.closePanel();
    for (const f of this.off) f();
    this.off.length = 0;
    clearTimeout(this.timer);
    clearTimeout(this.idleTimer);
    this.clear();
    this.layer.remove();
  }

  /** Closes the saved panel, saving what was typed in it (the page navigated, or the UI goes away). */
  closePanel(): void {
    this.panel?.close('save');
  }

  /**
   * Before the panel or an error takes the layer: the host back in place, whatever was
   * there closed (a panel saving its note), and no button. A selection check still pending
   * from the save's own click (its mouseup) would see the same selection and put the
   * button back over it.
   */
  private takeLayer(): void {
    this.deps.ensureHost();
    clearTimeout(this.timer);
    this.closePanel();
    this.hideButton();
  }

  /** Empties the layer and stops placing it. */
  private clear(): void {
    this.unplace?.();
    this.unplace = undefined;
    render(null, this.layer);
    this.layer.replaceChildren();
  }

  /** Saves the current selection (button, context menu or keyboard shortcut). */
  async saveSelection(): Promise<{ saved: boolean; reason?: string }> {
    const range = currentSelectionRange(this.deps.doc, this.deps.shadowRoots());
    const problem = selectionProblem(range, this.deps.isOwn);
    if (problem || !range) {
      const reason = problem === 'editable' ? t('clip.editable') : t('clip.noSelection');
      // Said next to the selection (the shortcut has no other place to say it); not over our own interface.
      if (range && problem !== 'own') this.showError(reason, range);
      return { saved: false, reason };
    }
    let outcome: SaveOutcome;
    try {
      outcome = await this.deps.save(range);
    } catch (e) {
      const reason = describeSaveError(e);
      this.showError(reason, range);
      return { saved: false, reason };
    }
    this.showPanel(outcome);
    return { saved: true };
  }

  /** A short, announced notice at the top of the window, where no selection gives it a place. */
  showNotice(message: string): void {
    this.takeLayer();
    this.clear();
    render(h('div', { class: 'saved-panel clip-error clip-notice', role: 'alert', 'aria-label': message }, message), this.layer);
    const { doc } = this.deps;
    const view = doc.compatMode === 'BackCompat' && doc.body ? doc.body : doc.documentElement;
    this.layer.style.left = `${Math.max(8, (view.clientWidth - this.layer.offsetWidth) / 2)}px`;
    this.layer.style.top = '12px';
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.clear(), ERROR_MS);
  }

  /** A short, announced error next to the selection (nothing was saved). */
  showError(message: string, range: Range): void {
    this.takeLayer();
    // An alert takes no name from its text: the label lets every screen reader (and the tests) find it.
    render(h('div', { class: 'saved-panel clip-error', role: 'alert', 'aria-label': message }, message), this.layer);
    this.place(range);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.clear(), ERROR_MS);
  }

  /**
   * Shows the saved panel next to a range (also used by the card's "Save sentence").
   * `resume`: the panel again, with what the reader typed and why saving it failed.
   */
  showPanel(outcome: SaveOutcome, resume?: { draft: NoteDraft; error: string }): void {
    this.takeLayer();
    // Also for a panel back after a failure: its own focus on the note does not hold it open.
    this.panelTouched = false;
    this.panelReselected = false;
    const { clipping } = outcome;
    const draft = resume?.draft ?? new NoteDraft(clipping, (note, tags) => this.deps.update(clipping.id, note, tags));
    let undoing = false;
    const panel: OpenPanel = {
      close: (how) => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        clearTimeout(this.idleTimer);
        this.clear();
        if (how === 'discard' || undoing || !draft.changed) return;
        // Saved after the panel went: on failure it comes back with the text and the reason,
        // once. A failure that lasts (the clipping deleted meanwhile, the extension gone)
        // must not bring it back again and again: then only the reason is shown.
        draft.save().catch((e: unknown) => {
          if (this.detached || this.panel) return;
          if (resume) this.showError(t('clip.noteNotSaved', { reason: describeSaveError(e) }), outcome.range);
          else this.showPanel(outcome, { draft, error: describeSaveError(e) });
        });
      },
    };
    this.panel = panel;
    const renderPanel = (error = resume?.error) =>
      render(
        h(SavedPanel, {
          clipping,
          duplicate: outcome.duplicate,
          initial: resume && draft.typed,
          error,
          onUndo: () => {
            undoing = true;
            this.deps.undo(clipping.id).then(
              () => panel.close('discard'),
              // The panel stays, with what was typed, and says why (it said nothing).
              (e: unknown) => {
                undoing = false;
                if (this.panel === panel) renderPanel(t('clip.undoFailed', { reason: describeFailure(e) }));
              },
            );
          },
          onDraft: (edit) => draft.set(edit),
          onClose: () => panel.close('save'),
          onActivity: () => {
            this.panelTouched = true;
            this.armIdle();
          },
        }),
        this.layer,
      );
    renderPanel();
    this.armIdle();
    this.place(outcome.range);
  }

  /** Closes the panel after a while without the reader, but not while they work in it. */
  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.panel) return;
      // Our own focus on the note field when the panel opens does not count.
      const focused = this.deps.uiRoot.activeElement;
      if (this.panelTouched && focused && this.layer.contains(focused)) this.armIdle();
      else this.panel.close('save');
    }, this.deps.panelIdleMs ?? PANEL_IDLE_MS);
  }

  private refresh(): void {
    if (!this.deps.enabled() || (this.panel && this.panelTouched)) return;
    const range = currentSelectionRange(this.deps.doc, this.deps.shadowRoots());
    if (this.panel) {
      // A new selection on the page replaces an untouched panel. The keys of the save
      // shortcut, or the click on the save button, are not a new selection.
      if (!this.panelReselected || !range || selectionProblem(range, this.deps.isOwn)) return;
      this.closePanel();
    }
    if (selectionProblem(range, this.deps.isOwn) || !range) {
      this.hideButton();
      return;
    }
    this.showButton(range);
  }

  private showButton(range: Range): void {
    this.deps.ensureHost();
    // An earlier error's timer would empty the layer under the button.
    clearTimeout(this.idleTimer);
    if (!this.button) {
      const b = this.deps.doc.createElement('button');
      b.type = 'button';
      b.className = 'save-button';
      b.textContent = t('clip.save');
      b.setAttribute('aria-label', t('clip.save'));
      // Keep the page's selection when the button is pressed.
      b.addEventListener('mousedown', (e) => e.preventDefault());
      b.addEventListener('click', (e) => {
        if (e.isTrusted) void this.saveSelection();
      });
      this.button = b;
    }
    this.button.textContent = t('clip.save');
    if (this.button.parentNode !== this.layer) {
      render(null, this.layer);
      this.layer.replaceChildren(this.button);
    }
    this.place(range, 'bottom-end');
  }

  private hideButton(): void {
    if (this.button?.parentNode !== this.layer) return;
    this.button.remove();
    this.unplace?.();
    this.unplace = undefined;
  }

  /** Keeps the layer next to the visible part of `range`, inside the window, as the page scrolls. */
  private place(range: Range, placement: 'bottom-end' | 'bottom-start' = 'bottom-start'): void {
    this.unplace?.();
    const { doc } = this.deps;
    // The element whose client size is the window less its scroll bars (the body in quirks mode).
    const view = doc.compatMode === 'BackCompat' && doc.body ? doc.body : doc.documentElement;
    const common = range.commonAncestorContainer;
    const reference = {
      getBoundingClientRect: () => visibleAnchor(range.getClientRects(), range.getBoundingClientRect(), { width: view.clientWidth, height: view.clientHeight }),
      // The scroll containers to follow are those around the selection.
      contextElement: common.nodeType === 1 ? (common as Element) : (common.parentElement ?? undefined),
    };
    const update = () => {
      void computePosition(reference, this.layer, {
        strategy: 'fixed',
        placement,
        middleware: [offset(6), flip({ padding: 8 }), shift({ padding: 8, crossAxis: true })],
      }).then(({ x, y }) => {
        this.layer.style.left = `${x}px`;
        this.layer.style.top = `${y}px`;
      });
    };
    this.unplace = autoUpdate(reference, this.layer, update);
  }
}
