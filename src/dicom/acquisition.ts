import type { AcquisitionInfo, NumberRange } from '../volume/acquisition.ts';
import type { DicomDataset } from './part10.ts';
import { optionalNumber, optionalString, optionalStrings, sequenceItem } from './dataset-values.ts';

/**
 * Acquisition attributes of CT slices, read from their headers, and their summary over a series
 * ({@link AcquisitionInfo}): modality, contrast/bolus (PS3.3 C.7.6.4 and, for Enhanced CT, C.7.6.4b),
 * ConvolutionKernel (C.8.2.1; Enhanced CT: the CT Reconstruction functional group, C.8.15.3.6), equipment and
 * the series description. Never the patient's name, IDs or dates.
 */

/** The acquisition attributes of one slice; undefined where the header does not carry one. */
export interface SliceAcquisition {
  readonly modality: string | undefined;
  readonly contrastBolusAgent: string | undefined;
  readonly contrastBolusRoute: string | undefined;
  readonly contrastBolusVolumeMl: number | undefined;
  readonly contrastBolusStartTime: string | undefined;
  /** Several values joined by a backslash (e.g. `I70f\3`). */
  readonly convolutionKernel: string | undefined;
  readonly manufacturer: string | undefined;
  readonly manufacturerModelName: string | undefined;
  readonly seriesDescription: string | undefined;
}

function kernelOf(ds: DicomDataset): string | undefined {
  return optionalStrings(ds, 'ConvolutionKernel')?.join('\\');
}

/** A coded item's meaning, else its value (PS3.3 table 8.8-1). */
function codeText(item: DicomDataset | undefined): string | undefined {
  return item === undefined
    ? undefined
    : (optionalString(item, 'CodeMeaning') ?? optionalString(item, 'CodeValue'));
}

/** The acquisition attributes of a classic image's header (top-level attributes). */
export function readSliceAcquisition(ds: DicomDataset): SliceAcquisition {
  return {
    modality: optionalString(ds, 'Modality'),
    contrastBolusAgent: optionalString(ds, 'ContrastBolusAgent'),
    contrastBolusRoute: optionalString(ds, 'ContrastBolusRoute'),
    contrastBolusVolumeMl: optionalNumber(ds, 'ContrastBolusVolume'),
    contrastBolusStartTime: optionalString(ds, 'ContrastBolusStartTime'),
    convolutionKernel: kernelOf(ds),
    manufacturer: optionalString(ds, 'Manufacturer'),
    manufacturerModelName: optionalString(ds, 'ManufacturerModelName'),
    seriesDescription: optionalString(ds, 'SeriesDescription'),
  };
}

/**
 * The acquisition attributes of an Enhanced CT frame: the top-level attributes where present, else the
 * Enhanced Contrast/Bolus module's ContrastBolusAgentSequence (agents' code meanings joined by ", ", the
 * first agent's route code and volume) and the frame's CTReconstructionSequence ConvolutionKernel
 * (`reconstruction`: the per-frame or shared functional group item).
 */
export function readEnhancedFrameAcquisition(
  ds: DicomDataset,
  reconstruction: DicomDataset,
): SliceAcquisition {
  const top = readSliceAcquisition(ds);
  const agents: DicomDataset[] = [];
  for (let i = 0; ; i++) {
    const item = sequenceItem(ds, 'ContrastBolusAgentSequence', i);
    if (item === undefined) break;
    agents.push(item);
  }
  const named = agents.map(codeText).filter((s): s is string => s !== undefined);
  const firstAgent = agents.at(0);
  return {
    ...top,
    contrastBolusAgent: top.contrastBolusAgent ?? (named.length > 0 ? named.join(', ') : undefined),
    contrastBolusRoute:
      top.contrastBolusRoute ??
      (firstAgent === undefined
        ? undefined
        : codeText(sequenceItem(firstAgent, 'ContrastBolusAdministrationRouteSequence'))),
    contrastBolusVolumeMl:
      top.contrastBolusVolumeMl ??
      (firstAgent === undefined ? undefined : optionalNumber(firstAgent, 'ContrastBolusVolume')),
    convolutionKernel: kernelOf(reconstruction) ?? top.convolutionKernel,
  };
}

function distinct(values: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== undefined && !out.includes(v)) out.push(v);
  return out;
}

function range(values: readonly (number | undefined)[]): NumberRange | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === undefined) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

/** Summarises the slices' acquisition attributes: distinct strings in slice order, numeric ranges. */
export function summariseAcquisition(
  slices: readonly {
    readonly acquisition: SliceAcquisition;
    readonly sliceThicknessMm: number | undefined;
  }[],
): AcquisitionInfo {
  const a = slices.map((s) => s.acquisition);
  return {
    sliceCount: slices.length,
    modality: distinct(a.map((s) => s.modality)),
    contrastBolusAgent: distinct(a.map((s) => s.contrastBolusAgent)),
    contrastBolusRoute: distinct(a.map((s) => s.contrastBolusRoute)),
    contrastBolusVolumeMl: range(a.map((s) => s.contrastBolusVolumeMl)),
    contrastBolusStartTime: distinct(a.map((s) => s.contrastBolusStartTime)),
    sliceThicknessMm: range(slices.map((s) => s.sliceThicknessMm)),
    convolutionKernel: distinct(a.map((s) => s.convolutionKernel)),
    manufacturer: distinct(a.map((s) => s.manufacturer)),
    manufacturerModelName: distinct(a.map((s) => s.manufacturerModelName)),
    seriesDescription: distinct(a.map((s) => s.seriesDescription)),
  };
}
