import { EmptyState, PageHeader } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

export default function NotFoundRoute() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There is nothing at this address"
        text="The page may have moved, or the link may be mistyped."
        action={<Link to={paths.app.overview.getHref()}>Go to the Overview</Link>}
      />
    </>
  );
}
