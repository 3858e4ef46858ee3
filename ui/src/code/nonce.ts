/**
 * The CSP nonce of the page's styles. The app's CSP allows only its own style files and styles
 * carrying the nonce Tauri writes into `<style id="csp-nonce">` (index.html) on each load.
 * CodeMirror builds its styles at run time as `<style>` elements, which the CSP drops unless
 * they carry that nonce (`EditorView.cspNonce`).
 */
export function styleNonce(doc: Document = document): string | null {
  const tag = doc.getElementById('csp-nonce');
  // After the CSP has read it, the attribute reads as "" and only the property keeps the value.
  const nonce = tag instanceof HTMLStyleElement ? tag.nonce || tag.getAttribute('nonce') : null;
  return nonce === null || nonce === '' ? null : nonce;
}
