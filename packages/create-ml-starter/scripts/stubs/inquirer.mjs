// Stands in for inquirer inside the bundled node-plop. Our generators declare no plop prompts (the CLI asks
// its own questions and hands node-plop the answers as data), so plop's prompt runner is never called, while
// inlining inquirer 9 would parse rxjs, ora and iconv-lite (about 1 MB) on every scaffold.
const refuse = () => {
  throw new Error(
    "node-plop prompts are not bundled in @ml-starter/create: pass the answers as data",
  );
};
const prompt = Object.assign(refuse, { prompts: {} });

export default { prompt, registerPrompt: refuse, createPromptModule: refuse };
