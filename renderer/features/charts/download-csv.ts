/** Revoking the blob URL at once can cancel the download before the browser has read it. */
const REVOKE_DELAY_MS = 60_000;

/** Saves text as a file through a Blob and an <a download> click: no navigation, works in Chromium and Electron. */
export function downloadCsv(filename: string, csv: string): void {
  // The byte-order mark tells Excel the file is UTF-8, so non-ASCII worker and account names read right.
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
}
