// Any Node warning (deprecation, unhandled listener leak, …) fails the test run.
process.on("warning", (warning) => {
  throw warning;
});
