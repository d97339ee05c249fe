// Stands in for `resolve` inside the bundled node-plop, which needs it only for plop.load() of plopfiles from
// other packages; ours are built in code. Its core-module table costs milliseconds at every start.
export default {
  sync() {
    throw new Error("node-plop's plop.load() is not bundled in @ml-starter/create");
  },
};
