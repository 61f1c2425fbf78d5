#!/usr/bin/env node
// The `downcity` command. A committed stub, so package managers can link the bin before the
// package is built; the code is in dist/bin.js (`pnpm build`).
import '../dist/bin.js';
