// An empty module for optional imports the bundle leaves out (see STUBS in ../bundle.mjs).
export {};
