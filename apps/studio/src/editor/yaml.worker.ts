// monaco-yaml's language service, as its own module worker (bundled by Vite's `?worker`).
import 'monaco-yaml/yaml.worker.js'
