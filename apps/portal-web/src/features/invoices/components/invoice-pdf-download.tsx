import { Button } from '@settle/ui';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { problemMessage } from '@/lib/problem';

/** The source system's PDF of the invoice, fetched through the API (only when hasPdf). */
export function InvoicePdfDownload({
  organizationId,
  invoiceId,
  number,
}: {
  organizationId: string;
  invoiceId: string;
  number: string;
}) {
  const download = useMutation({
    mutationFn: async () => {
      const { saveFile } = await import('@/lib/download');
      return saveFile(
        () =>
          api.GET('/api/v1/portal/organizations/{organizationId}/invoices/{invoiceId}/pdf', {
            params: { path: { organizationId, invoiceId } },
            parseAs: 'blob',
          }),
        `invoice-${number}.pdf`,
      );
    },
  });
  return (
    <>
      <Button onClick={() => download.mutate()} loading={download.isPending}>
        Download PDF
      </Button>
      {download.isError && (
        <p role="alert" className="portal-text-danger portal-download__error">
          Could not download the PDF: {problemMessage(download.error)}
        </p>
      )}
    </>
  );
}
