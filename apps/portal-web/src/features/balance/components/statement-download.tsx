import { Button } from '@settle/ui';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { problemMessage } from '@/lib/problem';

/**
 * The statement PDF of the organization's open invoices, as the account summary email has it.
 * The browser shows the download itself; only a failure is said here.
 */
export function StatementDownload({ organizationId }: { organizationId: string }) {
  const download = useMutation({
    mutationFn: async () => {
      const { saveFile } = await import('@/lib/download');
      return saveFile(
        () =>
          api.GET('/api/v1/portal/organizations/{organizationId}/statement.pdf', {
            params: { path: { organizationId } },
            parseAs: 'blob',
          }),
        'statement.pdf',
      );
    },
  });
  return (
    <>
      <Button onClick={() => download.mutate()} loading={download.isPending}>
        Download statement (PDF)
      </Button>
      {download.isError && (
        <p role="alert" className="portal-text-danger portal-download__error">
          Could not download the statement: {problemMessage(download.error)}
        </p>
      )}
    </>
  );
}
