/**
 * Type declarations for the untyped machine-learning packages the classifiers use, limited to the members
 * they call. JSON models coming back from them are opaque objects, checked where they are read.
 */

declare module 'ml-knn' {
  /** One neighbour: the stored point (features followed by its label) and its distance. */
  export type KnnNeighbour = [number[], number];

  /** The k-d tree ml-knn builds over the training points (each point carries its label last). */
  export interface KnnKdTree {
    nearest(point: readonly number[], maxNodes: number): KnnNeighbour[];
  }

  export interface KnnOptions {
    k?: number;
  }

  export default class KNN {
    constructor(dataset: number[][], labels: number[], options?: KnnOptions);
    readonly k: number;
    readonly kdTree: KnnKdTree;
    predict(dataset: number[][]): number[];
  }
}

declare module 'ml-random-forest' {
  export interface RandomForestTreeOptions {
    gainFunction?: 'gini';
    splitFunction?: 'mean';
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }

  export interface RandomForestClassifierOptions {
    maxFeatures?: number;
    replacement?: boolean;
    nEstimators?: number;
    seed?: number;
    useSampleBagging?: boolean;
    noOOB?: boolean;
    treeOptions?: RandomForestTreeOptions;
  }

  /** A matrix of per-tree predictions: one row per sample, one column per tree. */
  export interface PredictionMatrix {
    readonly rows: number;
    readonly columns: number;
    getRow(index: number): number[];
  }

  /** The serialised forest (nested plain objects). */
  export interface RandomForestJson {
    readonly name: 'RFClassifier';
    readonly baseModel: object;
  }

  export class RandomForestClassifier {
    constructor(options?: RandomForestClassifierOptions);
    train(trainingSet: number[][], trainingValues: number[]): void;
    predict(toPredict: number[][]): number[];
    predictionValues(toPredict: number[][]): PredictionMatrix;
    toJSON(): RandomForestJson;
    static load(model: RandomForestJson): RandomForestClassifier;
  }
}

declare module 'libsvm-js/asm.js' {
  export interface SvmOptions {
    type?: string;
    kernel?: string;
    gamma?: number;
    cost?: number;
    tolerance?: number;
    shrinking?: boolean;
    probabilityEstimates?: boolean;
    quiet?: boolean;
  }

  export default class SVM {
    constructor(options?: SvmOptions);
    static readonly SVM_TYPES: { readonly C_SVC: string };
    static readonly KERNEL_TYPES: { readonly RBF: string };
    train(samples: number[][], labels: number[]): void;
    predict(samples: number[][]): number[];
    getLabels(): number[];
    /** libsvm's text model (`svm_save_model` format). */
    serializeModel(): string;
    /** Frees the model held in the emscripten heap (never garbage collected otherwise). */
    free(): void;
  }
}
