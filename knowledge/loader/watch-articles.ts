/**
 * Live knowledge: reloads the articles when files under the directory change, without a restart.
 *
 * Watches every directory separately instead of using `fs.watch(dir, { recursive: true })`: on Linux,
 * Node 20 emulates recursive watching and misses deletions. A plain directory watch also survives editors'
 * rename-on-save (write `x.md.tmp`, rename over `x.md`), which a watch on the file itself would lose with
 * the old inode.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { loadArticles, type LoadResult } from './load-articles.ts';

export interface WatchOptions {
  /** Quiet period before reloading, so a burst of events from one save gives one reload. Default 200 ms. */
  debounceMs?: number;
  /** Receives failures of `onChange` itself, which would otherwise kill the watcher. Default: console.error. */
  onError?: (error: unknown) => void;
}

export interface ArticleWatcher {
  /** Stops watching; no `onChange` call happens after it returns. */
  close(): Promise<void>;
}

/**
 * Calls `onChange` with a fresh load after files change, only when the result differs from the last one
 * (a swap file or a touch without edits does not rebuild the index). Does not call it for the initial state:
 * load that with `loadArticles` first. Throws if `dir` cannot be watched at start (a configuration error).
 *
 * @example
 * let kb = buildKnowledgeBase(loadArticles(dir).articles);
 * const watcher = watchArticles(dir, ({ articles, errors }) => { kb = buildKnowledgeBase(articles); });
 * // on shutdown: await watcher.close();
 */
export function watchArticles(
  dir: string,
  onChange: (result: LoadResult) => void,
  options: WatchOptions = {},
): ArticleWatcher {
  const debounceMs = options.debounceMs ?? 200;
  const onError = options.onError ?? ((error: unknown) => console.error('article watcher:', error));
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let last = fingerprint(loadArticles(dir));

  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };

  const reload = (): void => {
    timer = undefined;
    if (closed) return;
    syncWatchers(dir, watchers, schedule); // pick up new sub-folders, drop removed ones
    const result = loadArticles(dir);
    const current = fingerprint(result);
    if (current === last) return;
    last = current;
    try {
      onChange(result);
    } catch (error) {
      onError(error);
    }
  };

  watchers.set(dir, watchDirectory(dir, schedule)); // throws early if the root is missing
  syncWatchers(dir, watchers, schedule);

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function watchDirectory(path: string, onEvent: () => void): FSWatcher {
  const watcher = watch(path, (_event, name) => {
    if (name !== null && isIgnored(String(name))) return;
    onEvent();
  });
  // A watched folder that is deleted may report an error: treat it as a change; the next sync drops it.
  watcher.on('error', onEvent);
  return watcher;
}

/** Makes the set of watched folders equal to the folders currently under `root`. */
function syncWatchers(root: string, watchers: Map<string, FSWatcher>, onEvent: () => void): void {
  const wanted = new Set([root, ...listDirectories(root)]);
  for (const [path, watcher] of watchers) {
    if (!wanted.has(path)) {
      watcher.close();
      watchers.delete(path);
    }
  }
  for (const path of wanted) {
    if (watchers.has(path)) continue;
    try {
      watchers.set(path, watchDirectory(path, onEvent));
    } catch {
      // Removed between listing and watching: the event that removed it schedules another sync.
    }
  }
}

function listDirectories(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((path) => !path.slice(root.length).split(/[\\/]/).some((part) => part.startsWith('.')));
  } catch {
    return []; // root gone: loadArticles reports it as a read_failed error
  }
}

/** Editor droppings (vim `.x.swp`, emacs `x~`) change often and never hold articles. */
function isIgnored(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.startsWith('.') || base.endsWith('~');
}

function fingerprint(result: LoadResult): string {
  return JSON.stringify(result);
}
