export const accessProfilesKeys = {
  all: ['access-profiles'] as const,
  lists: () => [...accessProfilesKeys.all, 'list'] as const,
};
