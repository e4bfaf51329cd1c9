// A module resolve hook that adds the `source` export condition, so the workspace's packages
// resolve to their TypeScript source (what `node --conditions=source` does on the command line).
export async function resolve(specifier, context, next) {
  const conditions = context.conditions?.includes('source')
    ? context.conditions
    : [...(context.conditions ?? []), 'source']
  return next(specifier, { ...context, conditions })
}
