import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import 'react-image-to-video/styles.css';
import { Providers } from './providers';

export const metadata: Metadata = { title: 'react-image-to-video on Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
