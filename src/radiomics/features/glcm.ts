import type { FeatureClass, RoiInput } from '../types.ts';
import type { GlcmPrepared } from './glcm-matrix.ts';
import { prepareGlcm } from './glcm-matrix.ts';
import { maximalCorrelationCoefficient } from './glcm-mcc.ts';
import { entropy, featureDef } from './texture-math.ts';
import {
  overAngles,
  weightedSum,
  sumSide,
  diffSide,
  marginalVariance,
  cluster,
  differenceAverage,
  sumAverage,
  correlation,
  imc1,
  imc2,
  maximumProbability,
  jointEnergy,
} from './glcm-terms.ts';

const SECTION = 'PyRadiomics docs, Radiomic Features > GLCM';

export const glcm: FeatureClass<RoiInput, GlcmPrepared> = {
  name: 'glcm',
  prepare: prepareGlcm,
  features: {
    Autocorrelation: featureDef(
      (prep) => overAngles(prep, (q, a) => weightedSum(q, a, (gi, gj) => gi * gj)),
      'Magnitude of fineness/coarseness: sum_ij p(i,j) i j.',
      `IBSI QWB0; ${SECTION} 1. Autocorrelation`,
    ),
    JointAverage: featureDef(
      (prep) => (prep.angleCount === 0 ? NaN : prep.ux.reduce((s, v) => s + v, 0) / prep.angleCount),
      'Mean grey level of the i distribution: mu_x = sum_ij p(i,j) i (assumes a symmetrical GLCM).',
      `IBSI 60VM; ${SECTION} 2. Joint Average`,
    ),
    ClusterProminence: featureDef(
      (prep) => overAngles(prep, (q, a) => cluster(q, a, 4)),
      'Skewness/asymmetry of the GLCM: sum_ij (i + j - mu_x - mu_y)^4 p(i,j).',
      `IBSI AE86; ${SECTION} 3. Cluster Prominence`,
    ),
    ClusterShade: featureDef(
      (prep) => overAngles(prep, (q, a) => cluster(q, a, 3)),
      'Skewness and uniformity of the GLCM: sum_ij (i + j - mu_x - mu_y)^3 p(i,j).',
      `IBSI 7NFM; ${SECTION} 4. Cluster Shade`,
    ),
    ClusterTendency: featureDef(
      (prep) => overAngles(prep, (q, a) => cluster(q, a, 2)),
      'Groupings of voxels with similar grey levels: sum_ij (i + j - mu_x - mu_y)^2 p(i,j).',
      `IBSI DG8W; ${SECTION} 5. Cluster Tendency`,
    ),
    Contrast: featureDef(
      (prep) => overAngles(prep, (q, a) => diffSide(q, a, (k) => k * k)),
      'Local intensity variation, weighting pairs away from the diagonal: sum_ij (i - j)^2 p(i,j).',
      `IBSI ACUI; ${SECTION} 6. Contrast`,
    ),
    Correlation: featureDef(
      (prep) => overAngles(prep, correlation),
      'Linear dependency of grey levels on their neighbours: (sum_ij p(i,j) i j - mu_x mu_y) / (sigma_x sigma_y); 1 for an angle with sigma_x sigma_y = 0 (flat region).',
      `IBSI NI2N; ${SECTION} 7. Correlation`,
    ),
    DifferenceAverage: featureDef(
      (prep) => overAngles(prep, differenceAverage),
      'Mean absolute grey-level difference of neighbours: sum_k k p_{x-y}(k).',
      `IBSI TF7R; ${SECTION} 8. Difference Average`,
    ),
    DifferenceEntropy: featureDef(
      (prep) => overAngles(prep, (q, a) => entropy(q.pDiff, a * q.maxGrayLevel, q.maxGrayLevel)),
      'Randomness of neighbour differences: -sum_k p_{x-y}(k) log2(p_{x-y}(k) + eps).',
      `IBSI NTRS; ${SECTION} 9. Difference Entropy`,
    ),
    DifferenceVariance: featureDef(
      (prep) =>
        overAngles(prep, (q, a) => {
          const da = differenceAverage(q, a);
          return diffSide(q, a, (k) => (k - da) * (k - da));
        }),
      'Heterogeneity of neighbour differences: sum_k (k - DA)^2 p_{x-y}(k), DA = Difference Average.',
      `IBSI D3YU; ${SECTION} 10. Difference Variance`,
    ),
    Dissimilarity: featureDef(
      (prep) => overAngles(prep, differenceAverage),
      'Deprecated in PyRadiomics (equal to Difference Average): sum_ij |i - j| p(i,j).',
      `IBSI 8S9J; ${SECTION} DEPRECATED. Dissimilarity`,
    ),
    JointEnergy: featureDef(
      (prep) => overAngles(prep, jointEnergy),
      'Homogeneity of patterns (angular second moment): sum_ij p(i,j)^2.',
      `IBSI 8ZQL; ${SECTION} 11. Joint Energy`,
    ),
    JointEntropy: featureDef(
      (prep) => overAngles(prep, (q, a) => q.hxy[a]),
      'Randomness of neighbouring grey-level pairs: HXY = -sum_ij p(i,j) log2(p(i,j) + eps).',
      `IBSI TU9B; ${SECTION} 12. Joint Entropy`,
    ),
    Homogeneity1: featureDef(
      (prep) => overAngles(prep, (q, a) => diffSide(q, a, (k) => 1 / (1 + k))),
      'Deprecated in PyRadiomics (equal to Id): sum_ij p(i,j) / (1 + |i - j|).',
      `IBSI IB1Z; ${SECTION} DEPRECATED. Homogeneity 1`,
    ),
    Homogeneity2: featureDef(
      (prep) => overAngles(prep, (q, a) => diffSide(q, a, (k) => 1 / (1 + k * k))),
      'Deprecated in PyRadiomics (equal to Idm): sum_ij p(i,j) / (1 + |i - j|^2).',
      `IBSI WF0Z; ${SECTION} DEPRECATED. Homogeneity 2`,
    ),
    Imc1: featureDef(
      (prep) => overAngles(prep, imc1),
      'Informational measure of correlation 1: (HXY - HXY1) / max(HX, HY); 0 for an angle with HX = HY = 0.',
      `IBSI R8DG; ${SECTION} 13. Informational Measure of Correlation (IMC) 1`,
    ),
    Imc2: featureDef(
      (prep) => overAngles(prep, imc2),
      'Informational measure of correlation 2: sqrt(1 - exp(-2 (HXY2 - HXY))); 0 for an angle with HXY2 = HXY.',
      `IBSI JN9H; ${SECTION} 14. Informational Measure of Correlation (IMC) 2`,
    ),
    Idm: featureDef(
      (prep) => overAngles(prep, (q, a) => diffSide(q, a, (k) => 1 / (1 + k * k))),
      'Inverse difference moment (local homogeneity): sum_k p_{x-y}(k) / (1 + k^2).',
      `IBSI WF0Z; ${SECTION} 15. Inverse Difference Moment (IDM)`,
    ),
    MCC: featureDef(
      maximalCorrelationCoefficient,
      'Maximal correlation coefficient: sqrt of the second largest eigenvalue of Q(i,j) = sum_k p(i,k) p(j,k) / (p_x(i) p_y(k)); 1 for a flat region.',
      `no IBSI code; ${SECTION} 16. Maximal Correlation Coefficient (MCC)`,
    ),
    Idmn: featureDef(
      (prep) => {
        const ng2 = prep.maxGrayLevel * prep.maxGrayLevel;
        return overAngles(prep, (q, a) => diffSide(q, a, (k) => 1 / (1 + (k * k) / ng2)));
      },
      'Normalised inverse difference moment: sum_k p_{x-y}(k) / (1 + k^2 / Ng^2), Ng = highest grey level.',
      `IBSI 1QCO; ${SECTION} 17. Inverse Difference Moment Normalized (IDMN)`,
    ),
    Id: featureDef(
      (prep) => overAngles(prep, (q, a) => diffSide(q, a, (k) => 1 / (1 + k))),
      'Inverse difference (local homogeneity): sum_k p_{x-y}(k) / (1 + k).',
      `IBSI IB1Z; ${SECTION} 18. Inverse Difference (ID)`,
    ),
    Idn: featureDef(
      (prep) => {
        const ng = prep.maxGrayLevel;
        return overAngles(prep, (q, a) => diffSide(q, a, (k) => 1 / (1 + k / ng)));
      },
      'Normalised inverse difference: sum_k p_{x-y}(k) / (1 + k / Ng), Ng = highest grey level.',
      `IBSI NDRX; ${SECTION} 19. Inverse Difference Normalized (IDN)`,
    ),
    InverseVariance: featureDef(
      (prep) => overAngles(prep, (q, a) => diffSide(q, a, (k) => (k === 0 ? 0 : 1 / (k * k)))),
      'Inverse variance: sum_{k>=1} p_{x-y}(k) / k^2.',
      `IBSI E8JP; ${SECTION} 20. Inverse Variance`,
    ),
    MaximumProbability: featureDef(
      (prep) => overAngles(prep, maximumProbability),
      'Occurrence of the most frequent neighbour pair (joint maximum): max_ij p(i,j).',
      `IBSI GYBY; ${SECTION} 21. Maximum Probability`,
    ),
    SumAverage: featureDef(
      (prep) => overAngles(prep, sumAverage),
      'Relation of low- and high-valued pairs: sum_k k p_{x+y}(k) (= 2 Joint Average for a symmetrical GLCM).',
      `IBSI ZGXS; ${SECTION} 22. Sum Average`,
    ),
    SumVariance: featureDef(
      (prep) =>
        overAngles(prep, (q, a) => {
          const sa = sumAverage(q, a);
          return sumSide(q, a, (k) => (k - sa) * (k - sa));
        }),
      'Deprecated in PyRadiomics (equal to Cluster Tendency): sum_k (k - SA)^2 p_{x+y}(k).',
      `IBSI OEEB; ${SECTION} DEPRECATED. Sum Variance`,
    ),
    SumEntropy: featureDef(
      (prep) =>
        overAngles(prep, (q, a) => entropy(q.pSum, a * (2 * q.maxGrayLevel - 1), 2 * q.maxGrayLevel - 1)),
      'Sum entropy: -sum_k p_{x+y}(k) log2(p_{x+y}(k) + eps).',
      `IBSI P6QZ; ${SECTION} 23. Sum Entropy`,
    ),
    SumSquares: featureDef(
      (prep) => overAngles(prep, (q, a) => marginalVariance(q, a, q.px, q.ux[a])),
      'Variance of the i distribution (joint variance): sum_ij (i - mu_x)^2 p(i,j) (assumes a symmetrical GLCM).',
      `IBSI UR99; ${SECTION} 24. Sum of Squares`,
    ),
  },
  defaultFeatures: [
    'Autocorrelation',
    'JointAverage',
    'ClusterProminence',
    'ClusterShade',
    'ClusterTendency',
    'Contrast',
    'Correlation',
    'DifferenceAverage',
    'DifferenceEntropy',
    'DifferenceVariance',
    'JointEnergy',
    'JointEntropy',
    'Imc1',
    'Imc2',
    'Idm',
    'MCC',
    'Idmn',
    'Id',
    'Idn',
    'InverseVariance',
    'MaximumProbability',
    'SumAverage',
    'SumEntropy',
    'SumSquares',
  ],
  deprecated: ['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance'],
};
