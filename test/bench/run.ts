// `npm run bench`: benchmarks that print ratios measured side by side in one run. Never part of `npm test`.
import { benchRadiomics } from './radiomics.ts';

const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);

if (want('radiomics')) benchRadiomics();
