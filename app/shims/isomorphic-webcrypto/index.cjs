// fhirclient falls back to this module only where globalThis.crypto is missing; every supported runtime has it.
'use strict';
module.exports = { default: globalThis.crypto };
