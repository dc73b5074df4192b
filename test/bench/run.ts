// `npm run bench`: benchmarks that print ratios measured side by side in one run. Never part of `npm test`.
import { benchRadiomics } from './radiomics.ts';
import { benchDicomweb } from './dicomweb.ts';
import { benchTrain } from './train.ts';
import { benchRoi } from './roi.ts';
import { benchIcc } from './roi-icc.ts';
import { benchFeatureClasses } from './feature-classes.ts';
import { benchHook } from './hook.ts';

const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);

if (want('radiomics')) benchRadiomics();
if (want('classes')) benchFeatureClasses();
if (want('dicomweb')) await benchDicomweb();
if (want('train')) benchTrain();
if (want('roi')) await benchRoi();
if (want('icc')) benchIcc();
if (want('hook')) await benchHook();
