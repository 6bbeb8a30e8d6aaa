// The same layout and providers without the drop-in: the baseline that the library's
// first-load JavaScript is measured against.
export default function Bare() {
  return (
    <main>
      <h1>Animate an image</h1>
    </main>
  );
}
