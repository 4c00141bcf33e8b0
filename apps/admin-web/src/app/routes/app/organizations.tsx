import { useSearchParams } from 'react-router';

import { ComingSoon } from '@/components/coming-soon';

export default function OrganizationsRoute() {
  const [searchParams] = useSearchParams();
  const q = searchParams.get('q');
  return (
    <ComingSoon
      title="Organizations"
      text={
        q
          ? `Organizations arrive with the A/R core. Your search for “${q}” will work then.`
          : 'Organizations arrive with the A/R core.'
      }
    />
  );
}
