// Monaco's editor worker entry as a Vite `?worker` import.
declare module 'monaco-editor/esm/vs/editor/editor.worker.js?worker' {
  const WorkerFactory: new (options?: { name?: string }) => Worker
  export default WorkerFactory
}
