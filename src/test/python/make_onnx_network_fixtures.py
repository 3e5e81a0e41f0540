"""Make the fixtures of the ONNX importer (io.github.cnnlayers.onnx.OnnxNetworks): small PyTorch networks exported
with torch.onnx.export, each with an input and PyTorch's own output as .npy (float32), and cases.txt listing them.

Run from the project root with Debian's Python (python3-torch 1.13, python3-onnx 1.12, python3-numpy):

    /usr/bin/python3 src/test/python/make_onnx_network_fixtures.py

It rewrites src/test/resources/onnx/networks/ (deterministic: fixed seeds). Each line of cases.txt is
`name model.onnx input.npy output.npy`: the importer's network, run on the input ([1, C, H, W]), must give the
output within 1e-4 (OnnxNetworksTest). Models:

classifier_logits.onnx  opset 13: Conv(3,8,3,pad 1) - BatchNorm (kept: no constant folding) - ReLU - MaxPool(2) -
                        Conv(8,16,3,pad 1) - ReLU - AdaptiveAvgPool(1) (GlobalAveragePool) - x.view(x.size(0), -1)
                        (Shape, Gather, Unsqueeze, Concat, Reshape: folded at import) - Linear(16,5); dynamic H and W, run at 16 x 16 and 20 x 20 (classifier_logits_b)
classifier.onnx         the same with Softmax(dim=1) at the end (output [1, 5])
residual.onnx           opset 13, dynamic H and W: (x - mean) / std per channel (Sub, Div by constants) -
                        Conv-BN-LeakyReLU(0.1)-Conv-BN + x - ReLU - AvgPool(2, count_include_pad=False) (a Pad node otherwise); run at 12 x 10 and
                        at 9 x 7 (residual_b)
flatten_head.onnx       opset 11: Conv(2,4,3) - PReLU(4) - x.flatten(1) of 4 x 3 x 3 (a real re-split of the planes)
                        - Linear(36,3) - ReLU6 (Clip) - x * 0.5 + 1 (Mul, Add by scalars)
unet_*.onnx             2-level U-Nets, 1 channel in and out: Conv-Norm-ReLU, MaxPool(2), Conv-Norm-ReLU, an up path
                        (ConvTranspose(16,8,2,stride 2), or Upsample(2) bilinear/nearest then a 1x1 Conv), Concat
                        with the skip, Conv-ReLU, 1x1 Conv:
  unet_transpose_o11      ConvTranspose, BatchNorm, opset 11, static 16 x 16
  unet_transpose_o13      ConvTranspose, BatchNorm, opset 13, dynamic H and W: 16 x 16 and 12 x 20 (_b)
  unet_bilinear_o11       bilinear (align_corners=False: Resize pytorch_half_pixel), opset 11, static 16 x 16
  unet_bilinear_o13       the same, opset 13, dynamic H and W: 16 x 16 and 20 x 12 (_b)
  unet_nearest_o9         nearest, opset 9 (Upsample), static 16 x 16 (opset 9's bilinear Upsample is asymmetric and
                          differs from PyTorch's by ~3.5e-4, so nearest is the opset-9 case here)
  unet_groupnorm_o13      GroupNorm(4, 8) and GroupNorm(4, 16) (exported as Reshape - InstanceNormalization - Reshape
                          - Mul - Add), nearest, opset 13, dynamic H and W: 16 x 16 and 8 x 12 (_b)
  unet_transpose_o17      ConvTranspose, GroupNorm, opset 17, dynamic H and W: 16 x 16 and 12 x 20 (_b)
kitchen_sink.onnx       opset 13, dynamic H and W: ReflectionPad2d(1) - Conv(2,8,3) - GroupNorm(2, 8) - LeakyReLU(0.2) -
                        Conv(8,8,3, dilation 2, groups 2, pad 2) - InstanceNorm2d(8, affine) - ELU - Conv(8,8,3,
                        padding_mode='reflect') - GELU (Div, Erf, Add, Mul, Mul) + the GroupNorm branch (residual Add) -
                        Conv(8,3,1) - AvgPool(2); run at 12 x 10 and 9 x 13 (_b)
reduce_tile.onnx        opset 13, dynamic H and W: Conv(3,4,3,pad 1), then y * sigmoid(y.mean((2, 3), keepdim=True))
                        (ReduceMean over space) + y.amax(1, keepdim=True).repeat(1, 4, 1, 1) (ReduceMax over channels,
                        Tile) - y.sum(1, keepdim=True) / 4 (ReduceSum over channels, axes as an input) +
                        y.sum((2, 3)).view(1, 4, 1, 1) / 100 (ReduceSum over space, keepdims 0) and
                        x.repeat(1, 1, 2, 3) (Tile over space) concatenated; run at 6 x 5 and 7 x 4 (_b)
reduce_o18.onnx         hand-built with onnx.helper, opset 18 (ReduceMean and ReduceMax take axes as input 1 from
                        opset 18; torch 1.13 exports up to 17): ReduceMean(axes [1], keepdims 1) - Tile([1, 2, 1, 1]) -
                        ReduceMax(axes [2, 3], keepdims 0) on [1, 3, 5, 4]; the reference output from numpy

Models to refuse (hand-built with onnx.helper):

bad_asymmetric_pads.onnx  a Conv 3 x 3 with pads [1, 1, 0, 0] (top, left, bottom, right) on [1, 1, 6, 6]
bad_zero_stride.onnx      the same Conv with strides [0, 0]
bad_negative_pads.onnx    the same Conv with pads [-1, -1, -1, -1]
bad_huge_pool.onnx        a MaxPool with kernel_shape [2^40, 2^40]
bad_huge_resize.onnx      a Resize (nearest) with scales [1, 1, 1e6, 1e6]: 16e6 x 16e6 pixels per plane
bad_unknown_operator.onnx a Hardmax (an operator the importer does not take) on [1, 1, 6, 6]
bad_reduce_axes.onnx      a ReduceMean over axes [2] (the rows only) of [1, 1, 6, 6]

big_head/model.onnx       a Gemm of x [1, 4097] with an initializer 'w' [4096, 4097] (transB = 1, 16,781,312 values, more
                          than the 2^24 a value computed at import may hold) in external data 'head.bin', which the test
                          creates as a sparse file of zeros (67 MB)
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper
import onnx

OUT = os.path.join('src', 'test', 'resources', 'onnx', 'networks')


class Classifier(nn.Module):
    def __init__(self, softmax):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 5)
        self.softmax = softmax

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = self.gap(F.relu(self.conv2(x)))
        x = self.fc(x.view(x.size(0), -1))
        return F.softmax(x, dim=1) if self.softmax else x


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('mean', torch.tensor([0.1, -0.2, 0.3, 0.05]).view(1, 4, 1, 1))
        self.register_buffer('std', torch.tensor([0.9, 1.1, 0.7, 1.3]).view(1, 4, 1, 1))
        self.c1 = nn.Conv2d(4, 4, 3, padding=1)
        self.b1 = nn.BatchNorm2d(4)
        self.c2 = nn.Conv2d(4, 4, 3, padding=1, bias=False)
        self.b2 = nn.BatchNorm2d(4)

    def forward(self, x):
        x = (x - self.mean) / self.std
        y = self.b2(self.c2(F.leaky_relu(self.b1(self.c1(x)), 0.1)))
        return F.avg_pool2d(F.relu(x + y), 2, count_include_pad=False)


class FlattenHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3)
        self.prelu = nn.PReLU(4)
        self.fc = nn.Linear(36, 3)

    def forward(self, x):
        x = self.prelu(self.conv(x)).flatten(1)
        return F.relu6(self.fc(x)) * 0.5 + 1


class UNet(nn.Module):
    def __init__(self, up, norm='bn'):
        super().__init__()
        n = (lambda c: nn.BatchNorm2d(c)) if norm == 'bn' else (lambda c: nn.GroupNorm(4, c))
        self.e1 = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), n(8), nn.ReLU())
        self.e2 = nn.Sequential(nn.Conv2d(8, 16, 3, padding=1), n(16), nn.ReLU())
        self.mode = up
        if up == 'transpose':
            self.up = nn.ConvTranspose2d(16, 8, 2, stride=2)
        else:
            self.up = nn.Conv2d(16, 8, 1)
        self.d1 = nn.Sequential(nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 1, 1))

    def forward(self, x):
        a = self.e1(x)
        b = self.e2(F.max_pool2d(a, 2))
        if self.mode == 'transpose':
            u = self.up(b)
        elif self.mode == 'bilinear':
            u = self.up(F.interpolate(b, scale_factor=2, mode='bilinear', align_corners=False))
        else:
            u = self.up(F.interpolate(b, scale_factor=2, mode='nearest'))
        return self.d1(torch.cat([a, u], 1))


class KitchenSink(nn.Module):
    def __init__(self):
        super().__init__()
        self.pad = nn.ReflectionPad2d(1)
        self.c1 = nn.Conv2d(2, 8, 3)
        self.gn = nn.GroupNorm(2, 8)
        self.c2 = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=2)
        self.inorm = nn.InstanceNorm2d(8, affine=True)
        self.c3 = nn.Conv2d(8, 8, 3, padding=1, padding_mode='reflect')
        self.gelu = nn.GELU()
        self.out = nn.Conv2d(8, 3, 1)

    def forward(self, x):
        a = F.leaky_relu(self.gn(self.c1(self.pad(x))), 0.2)
        b = F.elu(self.inorm(self.c2(a)))
        c = self.gelu(self.c3(b)) + a
        return F.avg_pool2d(self.out(c), 2)


class ReduceTile(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        z = y * torch.sigmoid(y.mean((2, 3), keepdim=True)) + y.amax(1, keepdim=True).repeat(1, 4, 1, 1)
        z = z - y.sum(1, keepdim=True) / 4 + y.sum((2, 3)).view(1, 4, 1, 1) / 100
        return torch.cat([z.repeat(1, 1, 2, 3), x.repeat(1, 1, 2, 3)], 1)


def randomize_bn(m):
    for b in m.modules():
        if isinstance(b, nn.BatchNorm2d):
            b.running_mean.uniform_(-0.5, 0.5)
            b.running_var.uniform_(0.5, 2.0)
            b.weight.data.uniform_(0.5, 1.5)
            b.bias.data.uniform_(-0.3, 0.3)
        if isinstance(b, (nn.GroupNorm, nn.InstanceNorm2d)):
            b.weight.data.uniform_(0.5, 1.5)
            b.bias.data.uniform_(-0.3, 0.3)
        if isinstance(b, nn.PReLU):
            b.weight.data.uniform_(0.05, 0.5)


def export(model, name, shape, opset, dynamic=False, extra_shapes=()):
    model.eval()
    randomize_bn(model)
    x = torch.randn(*shape)
    path = os.path.join(OUT, name + '.onnx')
    axes = {'input': {2: 'height', 3: 'width'}} if dynamic else None
    torch.onnx.export(model, x, path, opset_version=opset, input_names=['input'], output_names=['output'],
                      dynamic_axes=axes, do_constant_folding=False,
                      training=torch.onnx.TrainingMode.PRESERVE)  # eval mode, but BatchNorm not fused into Conv
    lines = []
    for k, s in enumerate((shape,) + tuple(extra_shapes)):
        case = name if k == 0 else name + '_' + 'bcdefg'[k - 1]
        xi = x if k == 0 else torch.randn(*s)
        with torch.no_grad():
            y = model(xi)
        np.save(os.path.join(OUT, case + '_input.npy'), xi.numpy().astype(np.float32))
        np.save(os.path.join(OUT, case + '_output.npy'), y.numpy().astype(np.float32))
        lines.append('%s %s.onnx %s_input.npy %s_output.npy' % (case, name, case, case))
    return lines


def reduce_o18():
    axes1 = numpy_helper.from_array(np.array([1], np.int64), 'axes1')
    axes23 = numpy_helper.from_array(np.array([2, 3], np.int64), 'axes23')
    repeats = numpy_helper.from_array(np.array([1, 2, 1, 1], np.int64), 'repeats')
    nodes = [helper.make_node('ReduceMean', ['input', 'axes1'], ['mean'], name='mean', keepdims=1),
             helper.make_node('Tile', ['mean', 'repeats'], ['tiled'], name='tile'),
             helper.make_node('ReduceMax', ['tiled', 'axes23'], ['output'], name='max', keepdims=0)]
    graph = helper.make_graph(nodes, 'g', [helper.make_tensor_value_info('input', TensorProto.FLOAT, [1, 3, 5, 4])],
                              [helper.make_tensor_value_info('output', TensorProto.FLOAT, [1, 2])], [axes1, axes23, repeats])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 18)])
    onnx.save(model, os.path.join(OUT, 'reduce_o18.onnx'))
    x = np.random.RandomState(18).randn(1, 3, 5, 4).astype(np.float32)
    y = np.tile(x.astype(np.float64).mean(axis=1, keepdims=True), (1, 2, 1, 1)).max(axis=(2, 3))
    np.save(os.path.join(OUT, 'reduce_o18_input.npy'), x)
    np.save(os.path.join(OUT, 'reduce_o18_output.npy'), y.astype(np.float32))
    return ['reduce_o18 reduce_o18.onnx reduce_o18_input.npy reduce_o18_output.npy']


def bad_models():
    w = numpy_helper.from_array(np.ones((1, 1, 3, 3), np.float32), 'w')
    node = helper.make_node('Conv', ['x', 'w'], ['y'], name='conv', pads=[1, 1, 0, 0])
    graph = helper.make_graph([node], 'g', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 1, 6, 6])],
                              [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 1, 5, 5])], [w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, 'bad_asymmetric_pads.onnx'))

    def single(name, node, inits=()):
        graph = helper.make_graph([node], 'g', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 1, 6, 6])],
                                  [helper.make_tensor_value_info('y', TensorProto.FLOAT, None)], list(inits))
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
        onnx.save(m, os.path.join(OUT, name))
    single('bad_zero_stride.onnx', helper.make_node('Conv', ['x', 'w'], ['y'], name='conv', strides=[0, 0]), [w])
    single('bad_negative_pads.onnx', helper.make_node('Conv', ['x', 'w'], ['y'], name='conv', pads=[-1, -1, -1, -1]), [w])
    single('bad_huge_pool.onnx', helper.make_node('MaxPool', ['x'], ['y'], name='pool', kernel_shape=[1 << 40, 1 << 40]))
    scales = numpy_helper.from_array(np.array([1, 1, 1e6, 1e6], np.float32), 'scales')
    single('bad_huge_resize.onnx', helper.make_node('Resize', ['x', '', 'scales'], ['y'], name='resize', mode='nearest'), [scales])
    single('bad_unknown_operator.onnx', helper.make_node('Hardmax', ['x'], ['y'], name='hardmax'))
    single('bad_reduce_axes.onnx', helper.make_node('ReduceMean', ['x'], ['y'], name='mean', axes=[2]))


def big_head():
    w = TensorProto()
    w.name = 'w'
    w.data_type = TensorProto.FLOAT
    w.dims.extend([4096, 4097])
    w.data_location = TensorProto.EXTERNAL
    entry = w.external_data.add()
    entry.key = 'location'
    entry.value = 'head.bin'
    node = helper.make_node('Gemm', ['x', 'w'], ['y'], name='head', transB=1)
    graph = helper.make_graph([node], 'g', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 4097])],
                              [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 4096])], [w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
    os.makedirs(os.path.join(OUT, 'big_head'), exist_ok=True)
    with open(os.path.join(OUT, 'big_head', 'model.onnx'), 'wb') as f:
        f.write(model.SerializeToString())


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = []
    torch.manual_seed(21)
    lines += export(Classifier(False), 'classifier_logits', (1, 3, 16, 16), 13, dynamic=True, extra_shapes=[(1, 3, 20, 20)])
    torch.manual_seed(21)
    lines += export(Classifier(True), 'classifier', (1, 3, 16, 16), 13, dynamic=True)
    torch.manual_seed(22)
    lines += export(Residual(), 'residual', (1, 4, 12, 10), 13, dynamic=True, extra_shapes=[(1, 4, 9, 7)])
    torch.manual_seed(23)
    lines += export(FlattenHead(), 'flatten_head', (1, 2, 5, 5), 11)
    for name, up, norm, opset, dynamic, extra in [
            ('unet_transpose_o11', 'transpose', 'bn', 11, False, []),
            ('unet_transpose_o13', 'transpose', 'bn', 13, True, [(1, 1, 12, 20)]),
            ('unet_bilinear_o11', 'bilinear', 'bn', 11, False, []),
            ('unet_bilinear_o13', 'bilinear', 'bn', 13, True, [(1, 1, 20, 12)]),
            ('unet_nearest_o9', 'nearest', 'bn', 9, False, []),
            ('unet_groupnorm_o13', 'nearest', 'gn', 13, True, [(1, 1, 8, 12)]),
            ('unet_transpose_o17', 'transpose', 'gn', 17, True, [(1, 1, 12, 20)])]:
        torch.manual_seed(31)
        lines += export(UNet(up, norm), name, (1, 1, 16, 16), opset, dynamic=dynamic, extra_shapes=extra)
    torch.manual_seed(41)
    lines += export(KitchenSink(), 'kitchen_sink', (1, 2, 12, 10), 13, dynamic=True, extra_shapes=[(1, 2, 9, 13)])
    torch.manual_seed(42)
    lines += export(ReduceTile(), 'reduce_tile', (1, 3, 6, 5), 13, dynamic=True, extra_shapes=[(1, 3, 7, 4)])
    lines += reduce_o18()
    bad_models()
    big_head()
    with open(os.path.join(OUT, 'cases.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
