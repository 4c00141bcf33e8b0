import { EntitiesScreen } from '@/features/entities/components/entities-screen';

export default function EntitiesRoute() {
  return <EntitiesScreen />;
}
