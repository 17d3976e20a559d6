/** Placeholder so the field app compiles; the office-API engineer replaces this file. */
export default function SetupScreen() {
  return <main class="screen"><h1>Thiết lập</h1></main>;
}
