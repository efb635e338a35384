// @ts-check
/**
 * Copy, download and file-read helpers of the page.
 * @module
 */

/**
 * Copy text to the clipboard and flash the button's label.
 * @param {string} text
 * @param {HTMLElement} button
 */
export async function copyText(text, button) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed';
  }
  setTimeout(() => { button.textContent = label; }, 1200);
}

/**
 * Offer text as a file download.
 * @param {string} text
 * @param {string} filename
 * @param {Document} doc
 */
export function downloadText(text, filename, doc) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * @param {Blob} file
 * @returns {Promise<string>}
 */
export function readFileText(file) {
  return file.text();
}
