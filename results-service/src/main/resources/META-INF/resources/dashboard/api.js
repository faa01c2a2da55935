// Reads the results API and its live-update streams.

/** An HTTP answer other than 2xx, with the problem body's detail when there is one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = null;
    try {
      detail = (await response.json()).detail;
    } catch (e) {
      // Not a problem body: the status says enough.
    }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

export const enc = encodeURIComponent;

/**
 * Calls `task` at most once per `intervalMs`: a request during a run or within the interval is
 * kept and run once afterwards, so a burst of changes costs one refresh at its end too.
 */
export function throttle(task, intervalMs) {
  let running = false;
  let pending = false;
  let last = 0;
  let timer = null;
  const run = async () => {
    timer = null;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    pending = false;
    last = Date.now();
    try {
      await task();
    } finally {
      running = false;
      if (pending) {
        schedule();
      }
    }
  };
  const schedule = () => {
    if (timer !== null) {
      return;
    }
    if (running) {
      pending = true;
      return;
    }
    const wait = Math.max(0, last + intervalMs - Date.now());
    timer = setTimeout(run, wait);
  };
  return schedule;
}

/**
 * Follows a server-sent event stream: `onChange(message)` for each change message, the badge
 * `indicator` shows whether the stream is open. EventSource reconnects by itself after an error.
 */
export function follow(path, indicator, onChange) {
  const source = new EventSource(path);
  const show = (state, text) => {
    if (indicator) {
      indicator.dataset.state = state;
      indicator.textContent = text;
    }
  };
  source.onopen = () => show('open', 'live');
  source.onerror = () => show(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting',
    source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting');
  source.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (message.type === 'open') {
      show('open', 'live');
    } else if (message.type === 'change') {
      if (indicator) {
        indicator.textContent = 'live \u00b7 ' + new Date().toLocaleTimeString();
      }
      onChange(message);
    }
  };
  window.addEventListener('beforeunload', () => source.close());
  return source;
}
