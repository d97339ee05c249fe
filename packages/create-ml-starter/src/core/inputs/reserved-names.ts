/**
 * Names a generated project may not take. Kept as data so the rules are easy to audit.
 * STDLIB: `sys.stdlib_module_names` of CPython 3.11–3.13 (top-level modules a user might shadow).
 */
export const PYTHON_KEYWORDS = new Set([
  "false", "none", "true", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
  "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
  "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  // soft keywords: legal identifiers, but confusing as a package name
  "match", "case", "type",
]);

export const PYTHON_STDLIB = new Set([
  "abc", "aifc", "antigravity", "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit",
  "audioop", "base64", "bdb", "binascii", "bisect", "builtins", "bz2", "calendar", "cgi", "cgitb",
  "chunk", "cmath", "cmd", "code", "codecs", "codeop", "collections", "colorsys", "compileall",
  "concurrent", "configparser", "contextlib", "contextvars", "copy", "copyreg", "cprofile", "crypt",
  "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib", "dis",
  "distutils", "doctest", "email", "encodings", "ensurepip", "enum", "errno", "faulthandler", "fcntl",
  "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools", "gc", "genericpath",
  "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac",
  "html", "http", "idlelib", "imaplib", "imghdr", "imp", "importlib", "inspect", "io", "ipaddress",
  "itertools", "json", "keyword", "lib2to3", "linecache", "locale", "logging", "lzma", "mailbox",
  "mailcap", "marshal", "math", "mimetypes", "mmap", "modulefinder", "msilib", "msvcrt",
  "multiprocessing", "netrc", "nis", "nntplib", "ntpath", "nturl2path", "numbers", "opcode",
  "operator", "optparse", "os", "ossaudiodev", "pathlib", "pdb", "pickle", "pickletools", "pipes",
  "pkgutil", "platform", "plistlib", "poplib", "posix", "posixpath", "pprint", "profile", "pstats",
  "pty", "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri",
  "random", "re", "readline", "reprlib", "resource", "rlcompleter", "runpy", "sched", "secrets",
  "select", "selectors", "shelve", "shlex", "shutil", "signal", "site", "smtpd", "smtplib", "sndhdr",
  "socket", "socketserver", "spwd", "sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl",
  "stat", "statistics", "string", "stringprep", "struct", "subprocess", "sunau", "symtable", "sys",
  "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile", "termios", "textwrap",
  "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace",
  "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata",
  "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg",
  "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib",
  "zoneinfo", "test", "__future__", "__main__",
]);

/** Import names that differ from a locked dist name (those come from the locks: locked-names.ts), plus the project's own folders. */
export const SHADOWED_DEPENDENCIES = new Set([
  "numpy", "pandas", "scipy", "sklearn", "scikit_learn", "lightgbm", "threadpoolctl", "joblib",
  "kaggle", "kagglesdk", "pytest", "_pytest", "ruff", "pluggy", "iniconfig", "packaging", "pygments",
  "dateutil", "python_dateutil", "tzdata", "six", "requests", "urllib3", "certifi", "idna", "charset_normalizer",
  "tqdm", "protobuf", "google", "bleach", "webencodings", "slugify", "python_slugify", "text_unidecode",
  "yaml", "pyyaml", "jupytext", "nbformat", "jupyter_core", "traitlets", "platformdirs", "jsonschema",
  "referencing", "rpds", "attrs", "attr", "fastjsonschema", "markdown_it", "mdit_py_plugins", "mdurl",
  "narwhals", "colorama", "dotenv", "typing_extensions", "torch", "tensorflow", "xgboost", "polars",
  "matplotlib", "seaborn", "mlxtend", "implicit", "kagglehub", "uv", "pip", "setuptools", "wheel",
  "tests", "src", "conftest",
  // `py` is pytest's own shim module; `sitecustomize`/`usercustomize` are imported by every interpreter start.
  "py", "sitecustomize", "usercustomize",
]);

/** Windows device names, reserved with or without an extension, in any case. */
export const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** npm's blocklist: names that can never be package names. */
export const NPM_BLOCKLIST = new Set(["node_modules", "favicon.ico"]);
