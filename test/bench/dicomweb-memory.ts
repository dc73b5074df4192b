// Run by test/bench/dicomweb.ts in a fresh process: `<dicomweb url> <study uid> <series uid>`. Prints JSON
// {extraMb, volumeMb}: the peak resident memory above the level before the retrieval, and the volume's size.
import { createDicomWebSource } from '../../src/dicom/dicomweb-source.ts';
import { fetchSeriesVolume } from '../../src/dicom/fetch-series.ts';

const [base, studyInstanceUid, seriesInstanceUid] = process.argv.slice(2);
const source = createDicomWebSource({ baseUrl: base, allowedOrigins: [new URL(base).origin] });
// Load the modules the retrieval uses (parser, decoder) before the baseline is taken.
await source.searchInstances({ studyInstanceUid, seriesInstanceUid });
const baseline = process.memoryUsage().rss;
const result = await fetchSeriesVolume(source, { studyInstanceUid, seriesInstanceUid });
const peak = process.resourceUsage().maxRSS * 1024;
const MB = 1024 * 1024;
console.log(
  JSON.stringify({ extraMb: (peak - baseline) / MB, volumeMb: result.volume.data.byteLength / MB }),
);
