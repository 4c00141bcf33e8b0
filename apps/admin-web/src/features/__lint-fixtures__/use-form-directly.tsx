import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

// react-hook-form used directly: no mapping of the API's problem+json onto the fields.
const schema = z.object({ name: z.string().min(1, 'is required') });

export function useDirectForm() {
  return useForm({ resolver: zodResolver(schema), defaultValues: { name: '' } });
}
