/**
 * The analysis's {@link ImagingSource} over local files: the image (a DICOM CT folder, NRRD, NIfTI) stands as
 * the study's one CT series, and a mask file given beside it (a DICOM SEG, NRRD or NIfTI label map) as its one
 * segmentation. The "UIDs" are the paths.
 */
import type { ImagingSource, LoadedCt, SeriesRef } from '../analysis/imaging-source.ts';
import type { Grid, Mask } from '../volume/types.ts';
import { readImageFile, readMaskFile } from './read-image.ts';

/** An ImagingSource over `image` and an optional `mask` file; `what` names them in messages (`--image`). */
export function fileImagingSource(
  image: string,
  mask?: string,
  what: { readonly image: string; readonly mask: string } = { image: '--image', mask: '--mask' },
): ImagingSource {
  return {
    chooseCtSeries: (studyInstanceUid) => Promise.resolve({ studyInstanceUid, seriesInstanceUid: image }),

    async loadCt(ref: SeriesRef): Promise<LoadedCt> {
      const { volume, acquisition } = await readImageFile(ref.seriesInstanceUid, what.image);
      return { volume, acquisition, warnings: [] };
    },

    findSegmentations: (studyInstanceUid) =>
      Promise.resolve(mask === undefined ? [] : [{ studyInstanceUid, seriesInstanceUid: mask }]),

    loadSegmentation: (ref: SeriesRef, grid: Grid): Promise<Mask> =>
      readMaskFile(ref.seriesInstanceUid, grid, what.mask),
  };
}
