/** The filename a Content-Disposition header gives, else the fallback. */
function filenameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const match = /filename="?([^";]+)"?/i.exec(header);
  return match?.[1] ?? fallback;
}

/**
 * Saves a file the API serves behind the portal session; returns the name it was saved as.
 * Fetched (not a plain link) so that a 403/404 is shown on the page in words instead of
 * replacing the page with a problem document. Imported on click (`import()`), so that the
 * dashboard's first load does not carry it.
 */
export async function saveFile(
  fetchFile: () => Promise<{ data?: Blob; response: Response }>,
  fallbackName: string,
): Promise<string> {
  const { data, response } = await fetchFile();
  if (!data) throw new Error('The download was empty');
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(response, fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  // give the browser the click's turn to start the download before the URL goes
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return a.download;
}
