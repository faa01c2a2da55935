// Number, time and text formatting shared by the pages.

export function num(value, digits = 5) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '';
  }
  if (typeof value !== 'number') {
    return String(value);
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e9) {
    return String(value);
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) {
    return value.toExponential(Math.max(1, digits - 2));
  }
  return String(Number(value.toPrecision(digits)));
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function duration(ms) {
  if (ms === null || ms === undefined) {
    return '';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const s = ms / 1000;
  if (s < 60) {
    return `${s.toFixed(1)} s`;
  }
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

export function params(map) {
  if (!map) {
    return '';
  }
  return Object.entries(map).map(([k, v]) => `${k}=${num(v)}`).join(', ');
}

export const STATE_COLORS = {
  COMPLETE: '#2e7d32',
  PRUNED: '#ef8f00',
  FAIL: '#c62828',
  RUNNING: '#1565c0',
  WAITING: '#8a939c',
};
