/** The package version, reported in diagnostics and by `bonemet --version`. Keep equal to package.json. */
export const PACKAGE_VERSION = '0.1.0';
