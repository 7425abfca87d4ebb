// The part of @kubernetes/client-node live mode uses, on its own: imported only when a kubeconfig is
// read, and bundled as its own file (dist/kubeconfig-client.js, scripts/bundle.mjs) so that no other
// run parses the client.
export { KubeConfig } from '@kubernetes/client-node';
