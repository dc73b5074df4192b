import type { CtDecodeOptions, CtSlice, CtSliceHeader } from './ct-slice.ts';
import { CT_IMAGE_STORAGE, decodeCtSliceInto } from './ct-slice.ts';
import { decodeCtInstance } from './enhanced-ct.ts';
import { optionalNumber, optionalString } from './dataset-values.ts';
import { readPart10 } from './part10.ts';
import type { SeriesVolume, SeriesVolumeOptions } from './series-volume.ts';
import { paddingWarnings, planSeriesVolume, slicesToVolume } from './series-volume.ts';
import { summariseAcquisition } from './acquisition.ts';

/**
 * A series decoded straight into its volume as the instances arrive: with the instance count known in
 * advance, one Float32Array is allocated at the first slice, each slice's HU values are written into
 * the next free plane, and once all have arrived the planes are put in z order in place (cycle by cycle,
 * one spare plane). No per-slice HU array and no second copy of the volume. An instance that does not
 * fit (multi-frame, another slice size, more instances than announced) turns the stack into a plain
 * list of slices, the planes decoded so far becoming views of the array, stacked by
 * {@link slicesToVolume} at the end, which also names any geometry problem.
 */
export class SliceStack {
  private data: Float32Array | undefined;
  private plane = 0;
  private readonly headers: CtSliceHeader[] = [];
  private slices: CtSlice[] | undefined;

  /**
   * `expected`: the number of instances announced (e.g. by a QIDO-RS search); 0 when unknown.
   * `allocate`: makes the zeroed volume array (default a plain Float32Array). `plane`: rows x columns
   * when announced too, so the array is allocated at once rather than at the first slice.
   */
  constructor(
    private readonly expected: number,
    private readonly options: CtDecodeOptions & SeriesVolumeOptions = {},
    private readonly allocate: (length: number) => Float32Array = (n) => new Float32Array(n),
    plane = 0,
  ) {
    if (expected < 1) this.slices = [];
    else if (plane > 0) {
      this.plane = plane;
      this.data = allocate(plane * expected);
    }
  }

  /** How many slices have been added. */
  get count(): number {
    return this.slices?.length ?? this.headers.length;
  }

  /** Parses and decodes one instance's Part 10 bytes (which may be reused once this resolves). */
  async add(bytes: Uint8Array, source: string): Promise<void> {
    const file = readPart10(bytes, source);
    const ds = file.dataset;
    const single =
      optionalString(ds, 'SOPClassUID') === CT_IMAGE_STORAGE &&
      (optionalNumber(ds, 'NumberOfFrames') ?? 1) === 1;
    if (this.slices === undefined && single) {
      let own: Float32Array | undefined;
      const header = await decodeCtSliceInto(
        file,
        (h) => {
          const plane = h.rows * h.columns;
          if (this.data === undefined) {
            this.plane = plane;
            this.data = this.allocate(plane * this.expected);
          }
          if (plane === this.plane && this.headers.length < this.expected) {
            return { out: this.data, offset: this.headers.length * plane };
          }
          own = new Float32Array(plane);
          return { out: own, offset: 0 };
        },
        this.options,
      );
      if (own === undefined) {
        this.headers.push(header);
        return;
      }
      this.toSlices().push({ ...header, hu: own });
      return;
    }
    this.toSlices().push(...(await decodeCtInstance(file, this.options)));
  }

  /** The slices so far as a list, switching the stack to list mode (planes become views of the array). */
  private toSlices(): CtSlice[] {
    if (this.slices !== undefined) return this.slices;
    const data = this.data ?? new Float32Array(0);
    const plane = this.plane;
    this.slices = this.headers.map((h, k) => ({ ...h, hu: data.subarray(k * plane, (k + 1) * plane) }));
    return this.slices;
  }

  /**
   * The volume, slices in z order. Throws {@link DicomError} like {@link slicesToVolume} when the slices
   * do not form one regular grid.
   */
  finish(): SeriesVolume {
    if (this.slices !== undefined) return slicesToVolume(this.slices, this.options);
    const plan = planSeriesVolume(this.headers, this.options);
    const n = this.headers.length;
    const plane = this.plane;
    let data = this.data ?? new Float32Array(0);
    reorderPlanes(data, plane, plan.order);
    // Fewer instances than announced: an exactly sized copy, so the volume owns no unused tail.
    if (data.length !== n * plane) data = data.slice(0, n * plane);
    let padded = 0;
    for (const h of this.headers) padded += h.paddedCount;
    return {
      volume: { grid: plan.grid, data },
      studyInstanceUid: plan.studyInstanceUid,
      seriesInstanceUid: plan.seriesInstanceUid,
      sopInstanceUids: plan.order.map((i) => this.headers[i].sopInstanceUid),
      warnings: [...plan.warnings, ...paddingWarnings(padded)],
      acquisition: summariseAcquisition(plan.order.map((i) => this.headers[i])),
    };
  }
}

/**
 * Moves planes in place so that plane k afterwards holds what plane `order[k]` held: each cycle of the
 * permutation is followed once, its first plane kept aside in one spare plane.
 */
export function reorderPlanes(data: Float32Array, plane: number, order: readonly number[]): void {
  const done = new Uint8Array(order.length);
  let spare: Float32Array | undefined;
  for (let k = 0; k < order.length; k++) {
    if (done[k] === 1 || order[k] === k) {
      done[k] = 1;
      continue;
    }
    spare ??= new Float32Array(plane);
    spare.set(data.subarray(k * plane, (k + 1) * plane));
    let j = k;
    for (;;) {
      done[j] = 1;
      const from = order[j];
      if (from === k) {
        data.set(spare, j * plane);
        break;
      }
      data.copyWithin(j * plane, from * plane, (from + 1) * plane);
      j = from;
    }
  }
}
