"""The PyTorch peer of descatter's network-only figure: the default model's shape run by PyTorch on the CPU.

The shipped model is 1556-pca96-256-256-pca96-1556: a fixed linear projection (1556 -> 96), two ELU layers of 256,
a linear layer to 96 coefficients and the fixed linear expansion (96 -> 1556), on spectra standardised per row
(mean 0, s.d. 1). This builds the same five dense layers with random weights (speed does not depend on their
values), float32, and times batches of 1024 spectra as `descatter bench correct` does (its "network only" lines):
one process with T intra-op threads, and P processes with one thread each run at the same time (the analogue of
descatter's replicas). descatter's figure also converts its double-precision rows to float and back, which this
leaves out, so the comparison favours PyTorch slightly.

Needs torch (CPU build). Usage: python3 pytorch_peer.py [--seconds S]
"""
import argparse
import multiprocessing as mp
import time


def throughput(threads, seconds, queue=None, start=None):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    sizes = [1556, 96, 256, 256, 96, 1556]
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i in (1, 2):  # the two hidden layers of 256; the compression, the coefficients and the expansion are linear
            layers.append(torch.nn.ELU())
    net = torch.nn.Sequential(*layers).eval()
    x = torch.rand(2048, 1556) + torch.linspace(0, 1, 1556)
    rows = 1024
    with torch.inference_mode():
        def batch(k):
            b = x[k * rows:(k + 1) * rows]
            b = (b - b.mean(dim=1, keepdim=True)) / b.std(dim=1, keepdim=True)
            return net(b)
        for k in range(4):  # warm-up
            batch(k % 2)
        if start is not None:
            start.wait()
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            batch(n % 2)
            n += 1
        rate = n * rows / (time.perf_counter() - t0)
    if queue is not None:
        queue.put(rate)
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seconds', type=float, default=3.0)
    parser.add_argument('--cores', type=int, default=mp.cpu_count())
    args = parser.parse_args()
    import torch
    print(f'PyTorch {torch.__version__}, network only, batches of 1024:')
    print(f'  1 thread                    {throughput(1, args.seconds):10.0f} spectra/s')
    ctx = mp.get_context('spawn')
    queue, start = ctx.Queue(), ctx.Barrier(args.cores)
    procs = [ctx.Process(target=throughput, args=(1, args.seconds, queue, start)) for _ in range(args.cores)]
    for p in procs:
        p.start()
    rates = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    print(f'  {args.cores} processes x 1 thread     {sum(rates):10.0f} spectra/s')
    print(f'  1 process x {args.cores} threads      {throughput(args.cores, args.seconds):10.0f} spectra/s')


if __name__ == '__main__':
    main()
