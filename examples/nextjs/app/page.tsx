import { ImageToVideo } from 'react-image-to-video';

// A Server Component: the drop-in renders here as it is, since it takes no function props. To
// pass `onCompleted` and the like, wrap it in a component of your own marked 'use client'.
export default function Home() {
  return (
    <main>
      <h1>Animate an image</h1>
      <ImageToVideo />
    </main>
  );
}
