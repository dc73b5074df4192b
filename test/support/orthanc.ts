/** The tests' Orthanc is the demo stack's (server/dev/orthanc.ts). */
export * from '../../server/dev/orthanc.ts';
